/* The version every output and certificate names. */
#ifndef RELUCERT_VERSION_H
#define RELUCERT_VERSION_H
#define RELUCERT_VERSION "0.1.0"
#endif
