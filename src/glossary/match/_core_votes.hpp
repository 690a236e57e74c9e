// The vote tables of the compiled core's candidate levels (_core.pyx: the fuzzy level of
// glossary.match.fuzzy and the letter n-gram level of glossary.match.candidates): a name's votes
// kept as the Python reference's dict keeps them, in the order names got their first vote (the
// order that breaks ties between equal votes), each sum added in the reference's order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace gcore {

// name number -> votes, as a dict {nid: float} built by ``votes[nid] = votes.get(nid, 0.0) + v``
// and read in insertion order; dense tables by name number, reused from query to query (clear()
// resets only the names voted for)
struct Votes {
    std::vector<double> value;
    std::vector<char> in;
    std::vector<int> order;  // names in the order of their first vote
    std::vector<unsigned> stamp;  // per name: the last mark() generation that met it
    unsigned gen = 0;

    inline void grow(int nid) {
        if ((size_t)nid >= value.size()) {
            size_t n = std::max((size_t)nid + 1, 2 * value.size());
            value.resize(n, 0.0);
            in.resize(n, 0);
            stamp.resize(n, 0);
        }
    }
    inline bool has(int nid) const { return (size_t)nid < in.size() && in[(size_t)nid]; }
    inline double get(int nid) const { return has(nid) ? value[(size_t)nid] : 0.0; }
    // votes[nid] = votes.get(nid, 0.0) + v
    inline void add(int nid, double v) {
        grow(nid);
        if (!in[(size_t)nid]) {
            in[(size_t)nid] = 1;
            order.push_back(nid);
            value[(size_t)nid] = 0.0 + v;
        } else {
            value[(size_t)nid] = value[(size_t)nid] + v;
        }
    }
    // votes[nid] = votes.get(nid, 0.0) + v - had
    inline void add_less(int nid, double v, double had) {
        grow(nid);
        double old = in[(size_t)nid] ? value[(size_t)nid] : 0.0;
        if (!in[(size_t)nid]) {
            in[(size_t)nid] = 1;
            order.push_back(nid);
        }
        value[(size_t)nid] = old + v - had;
    }
    // votes[nid] += a (a name with votes)
    inline void bump(int nid, double a) { value[(size_t)nid] = value[(size_t)nid] + a; }
    // a new generation of marks: mark(nid) is then true once per name (a set of names)
    inline void next_mark() {
        if (++gen == 0) {
            std::fill(stamp.begin(), stamp.end(), 0u);
            gen = 1;
        }
    }
    inline bool mark(int nid) {
        grow(nid);
        if (stamp[(size_t)nid] == gen) return false;
        stamp[(size_t)nid] = gen;
        return true;
    }
    inline bool empty() const { return order.empty(); }
    // (name, votes) in insertion order
    std::vector<std::pair<int, double>> items() const {
        std::vector<std::pair<int, double>> out;
        out.reserve(order.size());
        for (int n : order) out.emplace_back(n, value[(size_t)n]);
        return out;
    }
    void load(const std::vector<std::pair<int, double>>& items) {
        clear();
        for (const auto& kv : items) add(kv.first, kv.second);
    }
    void clear() {
        for (int n : order) {
            in[(size_t)n] = 0;
            value[(size_t)n] = 0.0;
        }
        order.clear();
    }
};

// positions ordered by a key per position (for std::stable_sort: Python's sorted(range(n), key=k.__getitem__))
template <typename T>
struct ByKey {
    const std::vector<T>* key;
    explicit ByKey(const std::vector<T>* k) : key(k) {}
    inline bool operator()(int a, int b) const { return (*key)[(size_t)a] < (*key)[(size_t)b]; }
};

// sorted(votes.items(), key=itemgetter(1), reverse=True): the most votes first, equal votes in
// insertion order (Python's sort is stable, reversed too)
inline std::vector<std::pair<int, double>> by_votes(const Votes& v) {
    std::vector<std::pair<int, double>> out = v.items();
    std::stable_sort(out.begin(), out.end(),
                     [](const std::pair<int, double>& a, const std::pair<int, double>& b) { return a.second > b.second; });
    return out;
}

}  // namespace gcore
