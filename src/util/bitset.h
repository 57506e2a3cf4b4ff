#include <flint/flint.h>
#include <stdint.h>
