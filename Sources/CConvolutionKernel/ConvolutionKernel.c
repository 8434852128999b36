#include "CConvolutionKernel.h"

#include <cpuid.h>
#include <string.h>

// Built with -ffp-contract=off (Package.swift): `sum + x * w` stays a rounded product and a rounded sum.

enum { filter_block = 4, vectors_per_step = 2 };

static int os_saves_state(unsigned mask) {
    unsigned low, high;
    __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return (low & mask) == mask;
}

int cnn_conv_widest_vector(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    // XMM, YMM state (bits 1, 2); for AVX-512 also opmask, ZMM0-15 upper halves and ZMM16-31 (bits 5-7).
    if ((b & bit_AVX512F) && os_saves_state(0xE6)) return 8;
    if ((b & bit_AVX2) && os_saves_state(0x6)) return 4;
    return 0;
}

// One kernel body for both widths: VEC is a GCC vector of LANES doubles.
#define DEFINE_FORWARD(NAME, VEC, LANES, TARGET)                                                                 \
    typedef double VEC __attribute__((vector_size(LANES * sizeof(double)), aligned(sizeof(double))));            \
                                                                                                                 \
    __attribute__((target(TARGET))) static void NAME##_store(VEC sum, double bias, double *out, ptrdiff_t lanes) { \
        VEC total = sum + bias;                                                                                  \
        if (lanes >= LANES) {                                                                                    \
            memcpy(out, &total, sizeof total);                                                                   \
        } else {                                                                                                 \
            for (ptrdiff_t lane = 0; lane < lanes; lane++) out[lane] = total[lane];                              \
        }                                                                                                        \
    }                                                                                                            \
                                                                                                                 \
    __attribute__((target(TARGET))) static void NAME(const double *bordered, const double *weights,              \
                                                     const double *bias, double *output, cnn_conv_shape s) {     \
        const ptrdiff_t plane = s.padded_height * s.padded_width, out_plane = s.output_height * s.output_width;  \
        const ptrdiff_t taps = s.channels * s.kernel_height * s.kernel_width, step = LANES * vectors_per_step;    \
        const ptrdiff_t blocks = (s.filters + filter_block - 1) / filter_block;                                  \
        for (ptrdiff_t n = 0; n < s.batch; n++)                                                                  \
            for (ptrdiff_t block = 0; block < blocks; block++)                                                   \
                for (ptrdiff_t i = 0; i < s.output_height; i++)                                                  \
                    for (ptrdiff_t j = 0; j < s.output_width; j += step) {                                       \
                        VEC sums[filter_block][vectors_per_step] = {{0}};                                        \
                        const double *tap = weights + block * taps * filter_block;                               \
                        for (ptrdiff_t c = 0; c < s.channels; c++)                                               \
                            for (ptrdiff_t m = 0; m < s.kernel_height; m++) {                                    \
                                const double *row = bordered + ((n * s.channels + c) * s.padded_height + i + m)  \
                                    * s.padded_width + j;                                                        \
                                for (ptrdiff_t q = 0; q < s.kernel_width; q++, tap += filter_block) {            \
                                    VEC values[vectors_per_step];                                                \
                                    for (int v = 0; v < vectors_per_step; v++)                                   \
                                        memcpy(&values[v], row + q + v * LANES, sizeof(VEC));                    \
                                    for (int f = 0; f < filter_block; f++)                                       \
                                        for (int v = 0; v < vectors_per_step; v++)                               \
                                            sums[f][v] = sums[f][v] + values[v] * tap[f];                        \
                                }                                                                                \
                            }                                                                                    \
                        for (int f = 0; f < filter_block; f++) {                                                 \
                            const ptrdiff_t k = block * filter_block + f;                                        \
                            if (k >= s.filters) break;                                                           \
                            double *out = output + (n * s.filters + k) * out_plane + i * s.output_width;         \
                            for (int v = 0; v < vectors_per_step; v++)                                           \
                                NAME##_store(sums[f][v], bias[k], out + j + v * LANES,                           \
                                             s.output_width - j - v * LANES);                                    \
                        }                                                                                        \
                    }                                                                                            \
    }

DEFINE_FORWARD(forward_avx512, vector8, 8, "avx512f")
DEFINE_FORWARD(forward_avx2, vector4, 4, "avx2")

void cnn_conv_forward(const double *bordered, const double *weights, const double *bias, double *output,
                      cnn_conv_shape shape, int vector_width) {
    if (vector_width == 8) {
        forward_avx512(bordered, weights, bias, output, shape);
    } else {
        forward_avx2(bordered, weights, bias, output, shape);
    }
}
