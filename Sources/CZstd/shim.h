// The zstd API SeismoHistory compresses blocks with (Debian: libzstd-dev).
#include <zstd.h>
