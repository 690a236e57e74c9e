// The letter kernels of the compiled core (_core.hpp): Python's float sums, interned strings, the
// letter ratio of glossary.match.letters and the letter transducer of glossary.match.transducer,
// computed as the Python reference computes them, in the same order (see _core.hpp).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../translit/_pysum.hpp"

namespace gcore {

typedef std::u32string ustr;

static const double NEG = -1e18;  // transducer.py _NEG

// sums as Python's sum() adds floats (shared with the vocalizer's kernel)
using pysum::PySum;

// ---------------------------------------------------------------- interned strings
struct Interner {
    std::unordered_map<ustr, int> ids;
    std::vector<ustr> strs;
    Interner() { intern(ustr()); }  // id 0: the empty string
    int intern(const ustr& s) {
        auto it = ids.find(s);
        if (it != ids.end()) return it->second;
        int id = (int)strs.size();
        ids.emplace(s, id);
        strs.push_back(s);
        return id;
    }
    inline const ustr& get(int id) const { return strs[(size_t)id]; }
};

// ---------------------------------------------------------------- letter ratio (rapidfuzz Indel)
// The longest common subsequence, bit-parallel (Hyyrö) when the first string fits in 64 letters.
inline int64_t lcs(const ustr& a, const ustr& b) {
    if (a.empty() || b.empty()) return 0;
    if (a.size() <= 64) {
        uint64_t S = ~(uint64_t)0;
        for (char32_t cb : b) {
            uint64_t M = 0;
            for (size_t i = 0; i < a.size(); ++i)
                if (a[i] == cb) M |= (uint64_t)1 << i;
            uint64_t u = S & M;
            S = (S + u) | (S - u);
        }
        uint64_t mask = a.size() == 64 ? ~(uint64_t)0 : (((uint64_t)1 << a.size()) - 1);
        return (int64_t)__builtin_popcountll(~S & mask);
    }
    std::vector<int64_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
    for (char32_t ca : a) {
        cur[0] = 0;
        for (size_t j = 0; j < b.size(); ++j)
            cur[j + 1] = ca == b[j] ? prev[j] + 1 : std::max(prev[j + 1], cur[j]);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// letters.py ratio: 1 - (total - 2 LCS) / total, 1.0 for two empty strings
inline double ratio(const ustr& a, const ustr& b) {
    if (a.empty() || b.empty()) return a == b ? 1.0 : 0.0;
    int64_t total = (int64_t)a.size() + (int64_t)b.size();
    return 1.0 - (double)(total - 2 * lcs(a, b)) / (double)total;
}

// ---------------------------------------------------------------- the letter transducer
struct Transducer {
    int max_emit = 3;
    double floor_ = -12.0, unknown = -8.0;
    int band = 8;
    double no_path = -5.0;
    bool compensated = false;
    std::unordered_map<char32_t, int> src_id;  // source letter -> row (0: a letter with no table)
    std::unordered_map<char32_t, int> tgt_id;  // letter of any emitted segment -> 1..255 (0: none)
    std::unordered_map<uint32_t, int> seg_id;  // segment key -> column (0: not in any table)
    std::unordered_map<char32_t, double> background;
    std::vector<double> emit;  // rows x cols
    int cols = 1;
    // per interned string: its source rows; its segment columns ((m + 1) x (max_emit + 1)) and
    // background sum as a target
    std::vector<std::vector<int>> src_cache;
    std::vector<char> src_done;
    std::vector<std::vector<int>> seg_cache;
    std::vector<double> bg_cache;
    std::vector<char> tgt_done;
    std::vector<double> row_, nxt_;  // the DP's two rows (reused)

    bool seg_key(const ustr& t, size_t j, int k, uint32_t* key) const {
        uint32_t out = (uint32_t)k;
        for (int x = 0; x < k; ++x) {
            auto it = tgt_id.find(t[j + (size_t)x]);
            if (it == tgt_id.end()) return false;
            out |= (uint32_t)it->second << (8 * (x + 1));
        }
        *key = out;
        return true;
    }

    const std::vector<int>& sources(const Interner& in, int sid) {
        if ((size_t)sid >= src_done.size()) {
            src_done.resize(in.strs.size() + 1, 0);
            src_cache.resize(in.strs.size() + 1);
        }
        if (!src_done[(size_t)sid]) {
            const ustr& s = in.get(sid);
            std::vector<int> v(s.size());
            for (size_t i = 0; i < s.size(); ++i) {
                auto it = src_id.find(s[i]);
                v[i] = it == src_id.end() ? 0 : it->second;
            }
            src_cache[(size_t)sid] = std::move(v);
            src_done[(size_t)sid] = 1;
        }
        return src_cache[(size_t)sid];
    }

    void target(const Interner& in, int tid) {
        if ((size_t)tid >= tgt_done.size()) {
            tgt_done.resize(in.strs.size() + 1, 0);
            seg_cache.resize(in.strs.size() + 1);
            bg_cache.resize(in.strs.size() + 1, 0.0);
        }
        if (tgt_done[(size_t)tid]) return;
        const ustr& t = in.get(tid);
        size_t m = t.size();
        int W = max_emit + 1;
        std::vector<int> segs((m + 1) * (size_t)W, 0);
        for (size_t j = 0; j <= m; ++j) {
            int most = std::min((int)(m - j), max_emit);
            for (int k = 0; k <= most; ++k) {
                uint32_t key;
                if (seg_key(t, j, k, &key)) {
                    auto it = seg_id.find(key);
                    segs[j * (size_t)W + (size_t)k] = it == seg_id.end() ? 0 : it->second;
                }
            }
        }
        PySum bg(compensated);
        for (char32_t c : t) {
            auto it = background.find(c);
            bg.add(it == background.end() ? unknown : it->second);
        }
        seg_cache[(size_t)tid] = std::move(segs);
        bg_cache[(size_t)tid] = bg.value();
        tgt_done[(size_t)tid] = 1;
    }

    // transducer.py Transducer.best
    double best(const Interner& in, int sid, int tid) {
        const std::vector<int>& src = sources(in, sid);
        target(in, tid);
        const std::vector<int>& segs = seg_cache[(size_t)tid];
        long m = (long)in.get(tid).size(), n = (long)src.size();
        long top = max_emit;
        int W = max_emit + 1;
        if (m > top * n) return NEG;
        std::vector<double>& row = row_;
        std::vector<double>& nxt = nxt_;
        row.assign((size_t)m + 1, NEG);
        nxt.assign((size_t)m + 1, NEG);
        row[0] = 0.0;
        long lo = 0, hi = 0;
        double slope = n ? (double)m / (double)n : 0.0;
        for (long i = 1; i <= n; ++i) {
            const double* table = &emit[(size_t)src[(size_t)(i - 1)] * (size_t)cols];
            // only the cells this row can write are cleared: the next row reads within them (the
            // band moves right by at most ``top`` a row), and the last row's covers the end
            std::fill(nxt.begin() + lo, nxt.begin() + std::min(hi + top, m) + 1, NEG);
            for (long j = lo; j <= hi; ++j) {
                double b = row[(size_t)j];
                if (b <= NEG) continue;
                long most = std::min(top, m - j);
                const int* sj = &segs[(size_t)j * (size_t)W];
                double* out = &nxt[(size_t)j];
                for (long k = 0; k <= most; ++k)
                    out[k] = std::max(out[k], b + table[sj[k]]);  // (Python's max: no NaN here)
            }
            std::swap(row, nxt);
            double centre = (double)i * slope;
            long c = (long)centre;
            lo = std::max(std::max(m - top * (n - i), c - (long)band), 0L);
            hi = std::min(std::min(top * i, c + (long)band + 1), m);
            if (lo > hi) return NEG;
        }
        return row[(size_t)m];
    }

    // transducer.py Transducer.llr
    double llr(const Interner& in, int sid, int tid) {
        if (in.get(sid).empty() || in.get(tid).empty()) return no_path;
        double v = best(in, sid, tid);
        if (v <= NEG) return no_path;
        return (v - bg_cache[(size_t)tid]) / (double)((long)in.get(tid).size() + 1);
    }
};

}  // namespace gcore
