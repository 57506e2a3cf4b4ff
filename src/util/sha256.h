/* SHA-256 (FIPS 180-4), for content hashes of input files in batch records. */
#ifndef RELUCERT_UTIL_SHA256_H
#define RELUCERT_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* hex receives 64 hex digits and a NUL. */
void sha256_hex(char * hex, const unsigned char * data, size_t len);

#endif
