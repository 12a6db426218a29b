// zstd for HistorySize's text baselines (the main package's CZstd is not a product).
#include <zstd.h>
