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
    int feature;
    int child[2];  // left (the row's value at most the threshold), right; a leaf is ~its number
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
        for (size_t i = 0; i < feature.size(); ++i) nodes[i] = {feature[i], {left[i], right[i]}, threshold[i]};
    }
    // one step down a tree: the child the row takes, chosen without a branch (a row already at a
    // leaf stays there)
    static inline int step(const Node* nd, int i, const double* row) {
        const Node& n = nd[i < 0 ? 0 : i];
        int next = n.child[!(row[n.feature] <= n.threshold)];
        return i < 0 ? i : next;
    }
    // forest.py Forest.margin of ``rows`` rows of ``stride`` numbers each, tree by tree (each row's
    // leaves added in tree order, as Python adds them; the rows walk one tree while it is in cache,
    // four at a time in step, so that no row waits on a mispredicted branch of another)
    void margins(const double* x, size_t rows, size_t stride, double* out) const {
        for (size_t r = 0; r < rows; ++r) out[r] = 0.0;
        size_t nt = node0.size();
        for (size_t t = 0; t < nt; ++t) {
            const double* lf = leaf.data() + leaf0[t];
            if (!splits[t]) {
                for (size_t r = 0; r < rows; ++r) out[r] += lf[0];
                continue;
            }
            // (a tree of one leaf has no node: its first node, one past the last, is never read)
            const Node* nd = nodes.data() + node0[t];
            for (size_t r = 0; r < rows; r += 4) {
                // (past the last row, the last row again, walked and not added)
                size_t left = rows - r;
                const double* x0 = x + r * stride;
                const double* x1 = left > 1 ? x0 + stride : x0;
                const double* x2 = left > 2 ? x1 + stride : x1;
                const double* x3 = left > 3 ? x2 + stride : x2;
                int i0 = 0, i1 = 0, i2 = 0, i3 = 0;
                while ((i0 & i1 & i2 & i3) >= 0) {  // (until all four are at a leaf: negative)
                    i0 = step(nd, i0, x0);
                    i1 = step(nd, i1, x1);
                    i2 = step(nd, i2, x2);
                    i3 = step(nd, i3, x3);
                }
                out[r] += lf[~i0];
                if (left > 1) out[r + 1] += lf[~i1];
                if (left > 2) out[r + 2] += lf[~i2];
                if (left > 3) out[r + 3] += lf[~i3];
            }
        }
    }
    static double logistic(double m) { return m > -700 ? 1.0 / (1.0 + std::exp(-m)) : 0.0; }
};

}  // namespace gcore
