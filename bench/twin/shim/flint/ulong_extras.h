#ifndef TWIN_ULONG_EXTRAS_H
#define TWIN_ULONG_EXTRAS_H
/* the twin needs nothing of it: the word fast paths that use it never run on doubles */
#include "flint/flint.h"
#endif
