// The vocalizer's compiled kernel: `glossary.translit.vocalizer.Model`'s letter model, Viterbi
// search and capitalization model, the same numbers for a batch of words in one call.
//
// A feature key (a template and its letters, `vocalizer._keys`) is packed into 64 bits: the
// template (5 bits), the key's length (4 bits) and each letter's code (6 bits, up to 9 letters),
// the codes given to the letters of the model's own vocabulary (at most 63 of them). A letter the
// vocabulary never shows (or beyond the Basic Multilingual Plane) gets code 0, which no vocabulary key holds: such a key finds no row, as
// in Python. The arithmetic follows Python's: the weights summed as integers, scaled and biased in
// float32, the Viterbi search in double over the same candidates in the same order.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "_pysum.hpp"

namespace vocal {

static const int N_TEMPLATES = 14;  // vocalizer.FEATURES
static const int CASE_BASE = 16;    // the case model's templates L, P, Q, T: 16..19

// A map from packed keys to rows: open addressing, linear probing (no packed key has bit 63 set,
// so all ones marks an empty slot). Built once, read many times.
struct KeyMap {
    static constexpr uint64_t EMPTY = ~(uint64_t)0;
    struct Slot {
        uint64_t key;
        int32_t value;
    };
    std::vector<Slot> slots;  // key and row side by side: one cache line a probe
    uint64_t mask = 0;
    size_t used = 0;

    void reserve(size_t n) {
        size_t cap = 16;
        while (cap * 3 < n * 4 + 4) cap <<= 1;  // at most three quarters full
        if (cap <= slots.size()) return;
        std::vector<Slot> old;
        old.swap(slots);
        slots.assign(cap, Slot{EMPTY, -1});
        mask = cap - 1;
        used = 0;
        for (const Slot& s : old)
            if (s.key != EMPTY) put(s.key, s.value);
    }
    static inline uint64_t mix(uint64_t k) {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdULL;
        k ^= k >> 33;
        return k;
    }
    void put(uint64_t k, int32_t v) {
        if ((used + 1) * 4 + 4 > slots.size() * 3) reserve(2 * (used + 1));
        uint64_t i = mix(k) & mask;
        while (slots[i].key != EMPTY && slots[i].key != k) i = (i + 1) & mask;
        if (slots[i].key == EMPTY) ++used;
        slots[i].key = k;
        slots[i].value = v;
    }
    inline int32_t get(uint64_t k) const {
        if (slots.empty()) return -1;
        uint64_t i = mix(k) & mask;
        while (true) {
            const Slot& s = slots[i];
            if (s.key == k) return s.value;
            if (s.key == EMPTY) return -1;
            i = (i + 1) & mask;
        }
    }
};

struct Kernel {
    int labels = 0;
    std::vector<int8_t> weights;  // rows x labels
    std::vector<float> scale, bias;
    std::vector<double> step;   // [current * labels + previous]
    std::vector<double> start;  // [label]: the word's first letter
    bool has_transitions = false;
    float beam = 8.0f;
    std::vector<uint8_t> direct = std::vector<uint8_t>(0x10000, 0);  // code point (BMP) -> code
    int n_codes = 0;
    KeyMap rows, case_rows;
    std::vector<double> case_weights;
    double case_bias = 0.0;
    bool compensated = false;  // Python >= 3.12 sums floats with compensation

    inline uint8_t code(uint32_t c) const { return c < 0x10000 ? direct[c] : 0; }

    // a key from codes (at most 9)
    static inline uint64_t pack(int templ, const uint8_t* codes, int n) {
        uint64_t k = (uint64_t)templ | ((uint64_t)n << 5);
        for (int i = 0; i < n; ++i) k |= (uint64_t)codes[i] << (9 + 6 * i);
        return k;
    }

    // Adds a vocabulary code point; false when the alphabet is full.
    bool learn(uint32_t c) {
        if (c >= 0x10000 || n_codes >= 63) return c < 0x10000 && direct[c] != 0;
        if (direct[c] == 0) direct[c] = (uint8_t)(++n_codes);
        return true;
    }

    void reserve(size_t n) { rows.reserve(n); }
    void reserve_case(size_t n) { case_rows.reserve(n); }
    void add_row(uint64_t key, int32_t row) { rows.put(key, row); }
    void add_case_row(uint64_t key, int32_t row) { case_rows.put(key, row); }

    inline int32_t row_of(int templ, const uint8_t* codes, int n) const { return rows.get(pack(templ, codes, n)); }

    // The label scores of each letter of a word (letters x labels, float32, bias included).
    void scores(const std::vector<uint32_t>& word, const std::vector<uint8_t>& shape_codes, float* out) const {
        const int n = (int)word.size();
        std::vector<uint8_t> p(n + 8), s(n + 8);
        const uint8_t caret = code('^'), dollar = code('$');
        for (int i = 0; i < 4; ++i) {
            p[i] = s[i] = caret;
            p[n + 4 + i] = s[n + 4 + i] = dollar;
        }
        for (int i = 0; i < n; ++i) {
            p[i + 4] = code(word[i]);
            s[i + 4] = shape_codes[i];
        }
        uint8_t head[3], tail[3];
        const int hn = n < 2 ? n : 2;
        for (int i = 0; i < hn; ++i) {
            head[i] = p[4 + i];
            tail[i] = p[4 + n - hn + i];
        }
        uint8_t digits[5];
        for (int d = 0; d < 5; ++d) digits[d] = code('0' + d);
        std::vector<int32_t> acc(labels);
        uint8_t buf[9];
        for (int i = 0; i < n; ++i) {
            const int j = i + 4;
            const uint8_t* q = p.data();
            int32_t found[N_TEMPLATES];
            found[0] = row_of(0, q + j, 1);
            found[1] = row_of(1, q + j - 1, 2);
            found[2] = row_of(2, q + j, 2);
            found[3] = row_of(3, q + j - 1, 3);
            found[4] = row_of(4, q + j - 2, 3);
            found[5] = row_of(5, q + j, 3);
            found[6] = row_of(6, q + j - 2, 5);
            found[7] = row_of(7, q + j - 3, 4);
            found[8] = row_of(8, q + j, 4);
            found[9] = row_of(9, q + j - 3, 7);
            const int from_start = i < 4 ? i : 4;
            const int to_end = n - 1 - i < 4 ? n - 1 - i : 4;
            for (int k = 0; k < hn; ++k) buf[k] = head[k];
            buf[hn] = digits[from_start];
            found[10] = row_of(10, buf, hn + 1);
            for (int k = 0; k < hn; ++k) buf[k] = tail[k];
            buf[hn] = digits[to_end];
            found[11] = row_of(11, buf, hn + 1);
            found[12] = row_of(12, q + j - 4, 9);
            for (int k = 0; k < 4; ++k) buf[k] = s[j - 4 + k];
            buf[4] = p[j];
            for (int k = 0; k < 4; ++k) buf[5 + k] = s[j + 1 + k];
            found[13] = row_of(13, buf, 9);
            for (int l = 0; l < labels; ++l) acc[l] = 0;
            for (int t = 0; t < N_TEMPLATES; ++t) {
                if (found[t] < 0) continue;
                const int8_t* w = weights.data() + (size_t)found[t] * labels;
                for (int l = 0; l < labels; ++l) acc[l] += w[l];
            }
            float* o = out + (size_t)i * labels;
            for (int l = 0; l < labels; ++l) {
                float summed = (float)acc[l];
                float scaled = summed * scale[l];
                o[l] = scaled + bias[l];
            }
        }
    }

    // numpy's float32 sum of a short contiguous row (pairwise: eight partial sums, then the rest)
    static float row_sum(const float* a, int n) {
        if (n < 8) {
            float r = 0.0f;
            for (int i = 0; i < n; ++i) r += a[i];
            return r;
        }
        float r[8];
        for (int k = 0; k < 8; ++k) r[k] = a[k];
        int i = 8;
        for (; i < n - (n % 8); i += 8)
            for (int k = 0; k < 8; ++k) r[k] += a[i + k];
        float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += a[i];
        return res;
    }

    // log-softmax of each letter's scores, in place
    void log_softmax(float* s, int n) const {
        std::vector<float> e(labels);
        for (int i = 0; i < n; ++i) {
            float* r = s + (size_t)i * labels;
            float m = r[0];
            for (int l = 1; l < labels; ++l)
                if (r[l] > m) m = r[l];
            for (int l = 0; l < labels; ++l) {
                r[l] = r[l] - m;
                e[l] = std::exp(r[l]);
            }
            float z = std::log(row_sum(e.data(), labels));
            for (int l = 0; l < labels; ++l) r[l] = r[l] - z;
        }
    }

    // the labels of one word's letters (log-probabilities ``logp``: letters x labels)
    void viterbi(const float* logp, int n, std::vector<int>& best) const {
        best.assign(n, 0);
        std::vector<std::vector<int>> cand(n);
        std::vector<std::vector<double>> value(n);
        bool single = true;
        for (int i = 0; i < n; ++i) {
            const float* r = logp + (size_t)i * labels;
            float m = r[0];
            for (int l = 1; l < labels; ++l)
                if (r[l] > m) m = r[l];
            const float cut = m - beam;
            for (int l = 0; l < labels; ++l) {
                if (r[l] >= cut) {
                    cand[i].push_back(l);
                    value[i].push_back((double)r[l]);
                }
            }
            if (cand[i].size() != 1) single = false;
        }
        if (!has_transitions) {
            for (int i = 0; i < n; ++i) {
                const float* r = logp + (size_t)i * labels;
                int a = 0;
                for (int l = 1; l < labels; ++l)
                    if (r[l] > r[a]) a = l;
                best[i] = a;
            }
            return;
        }
        if (single) {
            for (int i = 0; i < n; ++i) best[i] = cand[i][0];
            return;
        }
        std::vector<double> scores(cand[0].size());
        for (size_t k = 0; k < cand[0].size(); ++k) scores[k] = value[0][k] + start[cand[0][k]];
        std::vector<std::vector<int>> backs(n);
        for (int i = 1; i < n; ++i) {
            const std::vector<int>& here = cand[i];
            const std::vector<int>& prev = cand[i - 1];
            std::vector<double> next(here.size());
            backs[i].assign(here.size(), 0);
            for (size_t h = 0; h < here.size(); ++h) {
                const double* column = step.data() + (size_t)here[h] * labels;
                double top = 0.0;
                int arg = -1;
                for (size_t q = 0; q < prev.size(); ++q) {
                    double total = scores[q] + column[prev[q]];
                    if (arg < 0 || total > top) {
                        top = total;
                        arg = (int)q;
                    }
                }
                backs[i][h] = arg;
                next[h] = top + value[i][h];
            }
            scores.swap(next);
        }
        int j = 0;
        for (size_t k = 1; k < scores.size(); ++k)
            if (scores[k] > scores[j]) j = (int)k;
        for (int i = n - 1; i >= 0; --i) {
            best[i] = cand[i][j];
            if (i > 0) j = backs[i][j];
        }
    }

    // ---- the shapes' label sequences (`patterns.Patterns`), kept as the file's sorted lines
    struct Entry {
        uint32_t marks;  // offset of the labels in ``text``
        uint32_t length;
        int32_t count;
    };
    struct Range {
        uint32_t begin = 0, end = 0;  // entries of one shape, sorted by labels
        double total = 1.0;           // words of the shape + sequences + 1
    };
    std::string text;
    std::vector<Entry> entries;
    std::unordered_map<std::string, Range> shapes;  // kind ('c' or 'f') + shape (UTF-8)
    double pattern_weight = 0.0;
    std::vector<int> label_index = std::vector<int>(128, -1);  // label character -> label

    // The file's lines (kind \t shape \t labels \t count, UTF-8, sorted); false on a malformed line.
    bool load_patterns(const char* data, size_t size) {
        text.assign(data, size);
        const char* d = text.data();
        size_t lines = 1;
        for (size_t i = 0; i < size; ++i) lines += d[i] == '\n';
        entries.reserve(lines);
        shapes.reserve(lines);
        size_t at = 0;
        std::string key, last;
        Range* range = nullptr;
        long words = 0;
        auto close = [&]() {
            if (range != nullptr) range->total = (double)(words + (long)(range->end - range->begin) + 1);
        };
        while (at < size) {
            size_t end = at;
            while (end < size && d[end] != '\n') ++end;
            size_t t1 = at;
            while (t1 < end && d[t1] != '\t') ++t1;
            size_t t2 = t1 + 1;
            while (t2 < end && d[t2] != '\t') ++t2;
            size_t t3 = t2 + 1;
            while (t3 < end && d[t3] != '\t') ++t3;
            if (t1 != at + 1 || t3 >= end) return false;
            int count = 0;
            for (size_t i = t3 + 1; i < end; ++i) {
                if (d[i] < '0' || d[i] > '9') return false;
                count = count * 10 + (d[i] - '0');
            }
            key.assign(d + at, 1);
            key.append(d + t1 + 1, t2 - t1 - 1);
            if (range == nullptr || key != last) {
                close();
                range = &shapes[key];
                range->begin = (uint32_t)entries.size();
                words = 0;
                last = key;
            }
            entries.push_back(Entry{(uint32_t)(t2 + 1), (uint32_t)(t3 - t2 - 1), count});
            range->end = (uint32_t)entries.size();
            words += count;
            at = end + 1;
        }
        close();
        return true;
    }

    // the count of ``option`` in a shape's entries (binary search: they are sorted), 0 if absent
    int count_of(const Range* r, const std::string& option) const {
        if (r == nullptr) return 0;
        uint32_t lo = r->begin, hi = r->end;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            const Entry& e = entries[mid];
            int c = text.compare(e.marks, e.length, option);
            if (c == 0) return e.count;
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return 0;
    }

    // The labels of a word: the best of the Viterbi path ``best`` and the sequences its coarse
    // and fine shapes show that keep the labels ``known`` fixes ('?' where any goes, '*' any shadda
    // label; empty: none),
    // as `patterns.Patterns.choose` (its ties go to the first in sorted order: here to the
    // smaller string).
    void choose(const float* logp, int n, const std::string& coarse, const std::string& fine,
                const std::string& label_chars, const std::string& known, std::vector<int>& best) const {
        const Range* rc = nullptr;
        const Range* rf = nullptr;
        auto it = shapes.find(coarse);
        if (it != shapes.end()) rc = &it->second;
        it = shapes.find(fine);
        if (it != shapes.end()) rf = &it->second;
        if (rc == nullptr && rf == nullptr) return;
        const double total_c = rc ? rc->total : 1.0, total_f = rf ? rf->total : 1.0;
        double top = -INFINITY;
        std::string chosen, option;
        std::vector<int> ks(n);
        auto consider = [&](const std::string& o) {
            if ((int)o.size() != n) return;
            for (size_t i = 0; i < known.size() && i < o.size(); ++i)
                if (known[i] == '*' ? std::strchr("AUI~", o[i]) == nullptr : known[i] != '?' && known[i] != o[i])
                    return;
            for (int i = 0; i < n; ++i) {
                unsigned char ch = (unsigned char)o[i];
                ks[i] = ch < 128 ? label_index[ch] : -1;
                if (ks[i] < 0) return;
            }
            double score = start[ks[0]] + (double)logp[ks[0]];
            for (int i = 1; i < n; ++i)
                score = score + step[(size_t)ks[i] * labels + ks[i - 1]] + (double)logp[(size_t)i * labels + ks[i]];
            double lc = std::log((double)(count_of(rc, o) + 1) / total_c);
            double lf = std::log((double)(count_of(rf, o) + 1) / total_f);
            score = score + pattern_weight * (lc + lf) / 2.0;
            if (score > top || (score == top && o < chosen)) {
                top = score;
                chosen = o;
            }
        };
        option.assign(n, ' ');
        for (int i = 0; i < n; ++i) option[i] = label_chars[best[i]];
        consider(option);
        for (const Range* r : {rc, rf}) {
            if (r == nullptr) continue;
            for (uint32_t e = r->begin; e < r->end; ++e) {
                option.assign(text, entries[e].marks, entries[e].length);
                consider(option);
            }
        }
        if (!chosen.empty())
            for (int i = 0; i < n; ++i) best[i] = label_index[(unsigned char)chosen[i]];
    }

    // the case model's sum over a word's features (`vocalizer.case_features`), bias last
    double case_total(const std::vector<uint32_t>& word) const {
        const int n = (int)word.size();
        std::vector<uint8_t> p(n + 2);
        p[0] = code('^');
        for (int i = 0; i < n; ++i) p[i + 1] = code(word[i]);
        p[n + 1] = code('$');
        const int m = n + 2;
        pysum::PySum sum(compensated);
        auto add = [&](int32_t at) { sum.add(at < 0 ? 0.0 : case_weights[at]); };
        auto find = [&](int templ, const uint8_t* codes, int len) -> int32_t {
            return case_rows.get(pack(templ, codes, len));
        };
        uint8_t digit = code('0' + (n < 9 ? n : 9));
        add(find(CASE_BASE + 0, &digit, 1));
        for (int k = 1; k <= 4; ++k) {
            int len = k + 1 < m ? k + 1 : m;
            add(find(CASE_BASE + 1, p.data(), len));
            add(find(CASE_BASE + 2, p.data() + (m - len), len));
        }
        for (int k = 0; k + 2 < m; ++k) add(find(CASE_BASE + 3, p.data() + k, 3));
        return case_bias + sum.value();
    }
};

inline uint64_t pack_key(int templ, const uint8_t* codes, int n) { return Kernel::pack(templ, codes, n); }

}  // namespace vocal
