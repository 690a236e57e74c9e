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
    // forest.py Forest.margin of ``rows`` rows of ``stride`` numbers each: each row's leaves added
    // in tree order, as Python adds them. Consecutive trees that split are walked four at a time
    // for one row, in step, so that no walk waits on a mispredicted branch of another (the four
    // trees' nodes stay in cache while every row walks them; a query has few rows, so walking four
    // rows of one tree would leave lanes idle)
    void margins(const double* x, size_t rows, size_t stride, double* out) const {
        for (size_t r = 0; r < rows; ++r) out[r] = 0.0;
        size_t nt = node0.size(), t = 0;
        while (t < nt) {
            if (!splits[t]) {  // (a tree of one leaf has no node: its first node, one past the last, is never read)
                const double v = leaf[(size_t)leaf0[t++]];
                for (size_t r = 0; r < rows; ++r) out[r] += v;
                continue;
            }
            size_t block[4];
            int nb = 0;
            while (nb < 4 && t < nt && splits[t]) block[nb++] = t++;
            const Node* nd[4];
            const double* lf[4];
            for (int q = 0; q < 4; ++q) {  // (past the last tree of the block, the last again: walked, not added)
                size_t tt = block[q < nb ? q : nb - 1];
                nd[q] = nodes.data() + node0[tt];
                lf[q] = leaf.data() + leaf0[tt];
            }
            for (size_t r = 0; r < rows; ++r) {
                const double* xr = x + r * stride;
                int i0 = 0, i1 = 0, i2 = 0, i3 = 0;
                while ((i0 & i1 & i2 & i3) >= 0) {  // (until all four are at a leaf: negative)
                    i0 = step(nd[0], i0, xr);
                    i1 = step(nd[1], i1, xr);
                    i2 = step(nd[2], i2, xr);
                    i3 = step(nd[3], i3, xr);
                }
                double m = out[r] + lf[0][~i0];
                if (nb > 1) m += lf[1][~i1];
                if (nb > 2) m += lf[2][~i2];
                if (nb > 3) m += lf[3][~i3];
                out[r] = m;
            }
        }
    }
    static double logistic(double m) { return m > -700 ? 1.0 / (1.0 + std::exp(-m)) : 0.0; }
};

}  // namespace gcore
