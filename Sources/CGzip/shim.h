/* zlib, for the gzip of a Bitstring Status List (Debian's zlib1g-dev). */
#include <zlib.h>
