// The AVX-512 set's layout for kernels_impl.inc: its vector width and tiles
// (32 zmm registers: 20 or 16 accumulators per tile). A header of its own so
// that the kernel identity test can compile the very same layout with
// portable vector code and check it on CPUs without AVX-512. Tile sizes were
// chosen by bench_trainer on an AVX-512 EPYC (differences between neighbours
// are a few %; 5 output rows divide the paper's width 50, 6 left a 2-row
// remainder tile). Macros only, no include guard on purpose.
#define GENEFT_VECTOR_BYTES 64
#define GENEFT_TILE_ROWS 5
#define GENEFT_TILE_VECS 4
#define GENEFT_WGRAD_K 4
#define GENEFT_WGRAD_N 4
#define GENEFT_WGRAD_ROW_TILES 1  // (one tile's 4 rows of x and 4 of g at 688 columns: 22 KB)
