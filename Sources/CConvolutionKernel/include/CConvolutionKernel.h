#ifndef CNN_CONVOLUTION_KERNEL_H
#define CNN_CONVOLUTION_KERNEL_H

#include <stddef.h>

/// The widest vector kernel this CPU and its operating system can run: 8 doubles (AVX-512F), 4 (AVX2), or 0
/// (neither: the caller keeps its portable kernel). Asked of cpuid and xgetbv once.
int cnn_conv_widest_vector(void);

/// The shape of a stride-1, undilated convolution over an input already inside its zero border.
typedef struct {
    ptrdiff_t batch, channels, filters;
    ptrdiff_t padded_height, padded_width;
    ptrdiff_t kernel_height, kernel_width;
    ptrdiff_t output_height, output_width;
} cnn_conv_shape;

/// The whole output N×K×H'×W' of a stride-1, undilated cross-correlation, with vectors of `vector_width` doubles
/// (8 or 4, as `cnn_conv_widest_vector` allows) across neighbouring outputs of one row, four filters at a time.
/// Each output adds its terms in the explained order (channel, kernel row, kernel column), each product rounded
/// before it is added (compiled without contraction into fused multiply-adds), then its bias: lane for lane the
/// same arithmetic as the portable kernel, so every path gives the same bits.
///
/// - bordered: N×C×(H + 2P)×(W + 2P), followed by at least 16 readable doubles (a row's last vectors read past).
/// - weights: [filter block][channel][kernel row][kernel column][4 filters], zeros past the last filter.
/// - bias: one value per filter (0 where the layer has none).
/// - output: room for N×K×H'×W' doubles; every one is written.
void cnn_conv_forward(const double *bordered, const double *weights, const double *bias, double *output,
                      cnn_conv_shape shape, int vector_width);

#endif
