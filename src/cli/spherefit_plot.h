/* relucert sphere-fit --plot (src/cli/spherefit_plot.c). */
#ifndef RELUCERT_CLI_SPHEREFIT_PLOT_H
#define RELUCERT_CLI_SPHEREFIT_PLOT_H

#include "train/spherefit.h"

/* The figure of S (2 inputs, after train_spherefit_analyse): .svg .pdf .png .tex */
int cli_spherefit_plot(const char * path, const train_spherefit_t S, rc_error_t err);

#endif
