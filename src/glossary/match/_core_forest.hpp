// The forest of glossary.match.forest in the compiled core (_core.hpp): gradient-boosted trees
// as arrays, summed tree by tree in the order Python sums them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "_core_letters.hpp"

namespace gcore {

// ---------------------------------------------------------------- the forest
struct Node {
    int feature, left, right;
    double threshold;
};

struct Forest {
    // all trees' nodes end to end; per tree its first node and first leaf, and whether it splits
    std::vector<int> feature, left, right, node0, leaf0;
    std::vector<double> threshold, leaf;
    std::vector<char> splits;
    std::vector<Node> nodes;  // the four node arrays side by side (`pack`)

    void pack() {
        nodes.resize(feature.size());
        for (size_t i = 0; i < feature.size(); ++i) nodes[i] = {feature[i], left[i], right[i], threshold[i]};
    }
    // forest.py Forest.margin of ``rows`` rows of ``stride`` numbers each, tree by tree (each row's
    // leaves added in tree order, as Python adds them; the rows walk one tree while it is in cache)
    void margins(const double* x, size_t rows, size_t stride, double* out) const {
        for (size_t r = 0; r < rows; ++r) out[r] = 0.0;
        size_t nt = node0.size();
        for (size_t t = 0; t < nt; ++t) {
            const Node* nd = &nodes[(size_t)node0[t]];
            const double* lf = &leaf[(size_t)leaf0[t]];
            bool split = splits[t];
            for (size_t r = 0; r < rows; ++r) {
                const double* row = x + r * stride;
                int i = split ? 0 : -1;
                while (i >= 0) {
                    const Node& n = nd[i];
                    i = row[n.feature] <= n.threshold ? n.left : n.right;
                }
                out[r] += lf[~i];
            }
        }
    }
    static double logistic(double m) { return m > -700 ? 1.0 / (1.0 + std::exp(-m)) : 0.0; }
};

}  // namespace gcore
