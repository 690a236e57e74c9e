// The compiled core of the learned resolver: the scorer of glossary.match.features, the letter
// transducer of glossary.match.transducer, the forest of glossary.match.forest, the ranking of
// glossary.match.resolve and the letter n-gram voting of glossary.match.candidates, over interned
// strings and plain arrays. Every number is computed as the Python reference computes it, in the
// same order (the parity test holds the two equal bit for bit): keep the order of each sum, each
// max and each division when changing either side. Compiled with -ffp-contract=off (no fused
// multiply-add, which Python never does).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "_core_letters.hpp"
#include "_core_forest.hpp"

namespace gcore {

// ---------------------------------------------------------------- names and words
struct Word {
    int form = 0, skel = 0, alt = 0, cons = 0;
    bool opt = false;
    double weight = 0.0;
};

struct Name {
    bool arabic = false;
    std::vector<Word> words;
    int forms = 0, cons = 0, skel = 0;  // interned, the words' fields joined
    int entity = -1, etype = -1;
    bool foreign = false;  // a variant in another language (kind has ':')
};


// features.py _channels
struct Channels {
    bool eq, ce, se;
    double rf, rc, order;
};

// levels as glossary.match.features.LEVELS numbers them
enum { EXACT = 0, FOLDED = 1, SKELETON = 2, FUZZY = 3, ACRONYM = 4, NGRAM = 5, N_LEVELS = 6 };
// weak reasons as glossary.match.core.WEAK numbers them (0: none)
enum { WEAK_NONE = 0, WEAK_LANGUAGE = 1, WEAK_PARTICLES = 2, WEAK_SHORT = 3, WEAK_SKELETON = 4 };

static const int N_PAIR = 51, N_CONTEXT = 8, N_ALL = N_PAIR + N_CONTEXT;
// feature positions (features.PAIR)
enum {
    F_QLEN = 2, F_CROSS = 4, F_SHORT = 14, F_PARTICLES = 15, F_J_RF = 16, F_D_SIM = 21, F_D_EQ = 22,
    F_T_FWD = 46
};

struct Query {
    Name name;
    bool is_short = false, particles_only = false;
};

struct Scored {
    double probability;
    int nid, entity, level, weak, row;
};

struct Scorer {
    Interner in;
    Transducer forward, backward;
    Forest resolver, pair_forest;
    double acronym[4] = {0.0, 0.0, 0.0, 0.0};  // model.ACRONYM_CELLS: unique, shared, short unique, short shared
    double no_path = -5.0, word_bad = 0.5, skeleton_letters = 0.5, same = 0.01;
    bool compensated = false;
    int person = -1, place = -1;
    int level_rank[N_LEVELS] = {0, 1, 2, 4, 3, 5};
    std::unordered_map<int, Name> names;
    std::unordered_map<int, double> weights;  // interned form -> weight
    std::vector<double> margin;

    Channels channels(const Word& a, const Word& b, bool cross) const {
        Channels s;
        s.eq = !cross && a.form == b.form;
        s.ce = in.get(a.cons).size() >= 2 && a.cons == b.cons;
        s.se = in.get(a.skel).size() >= 2 && (a.skel == b.skel || a.skel == b.alt || (a.alt != 0 && a.alt == b.skel));
        s.rf = s.eq ? 1.0 : (!cross ? ratio(in.get(a.form), in.get(b.form)) : 0.0);
        s.rc = a.cons != 0 && b.cons != 0 ? ratio(in.get(a.cons), in.get(b.cons)) : 0.0;
        double o = s.eq ? 1.0 : 0.0;
        o = std::max(o, s.ce ? 0.9 : 0.0);
        o = std::max(o, s.se ? 0.85 : 0.0);
        o = std::max(o, s.rf);
        o = std::max(o, 0.8 * s.rc);
        s.order = o;
        return s;
    }

    // features.py pair_features
    void pair(const Query& query, const Name& n, int level, int etype, double* out) {
        const Name& q = query.name;
        bool cross = q.arabic != n.arabic;
        const std::vector<Word>& qw = q.words;
        const std::vector<Word>& nw = n.words;
        size_t lq = qw.size(), ln = nw.size();
        std::vector<Channels> sims(lq * ln);
        struct P { double o; long d; size_t i, j; };
        std::vector<P> pairs;
        for (size_t i = 0; i < lq; ++i)
            for (size_t j = 0; j < ln; ++j) {
                Channels s = sims[i * ln + j] = channels(qw[i], nw[j], cross);
                if (s.order > 0.5) pairs.push_back({-s.order, std::labs((long)i - (long)j), i, j});
            }
        std::sort(pairs.begin(), pairs.end(), [](const P& a, const P& b) {
            if (a.o != b.o) return a.o < b.o;
            if (a.d != b.d) return a.d < b.d;
            if (a.i != b.i) return a.i < b.i;
            return a.j < b.j;
        });
        std::vector<long> mq(lq, -1), mn(ln, -1);
        for (const P& p : pairs)
            if (mq[p.i] < 0 && mn[p.j] < 0) {
                mq[p.i] = (long)p.j;
                mn[p.j] = (long)p.i;
            }
        PySum swq(compensated), swn(compensated);
        for (const Word& w : qw) swq.add(w.weight);
        for (const Word& w : nw) swn.add(w.weight);
        double sum_wq = swq.value(), sum_wn = swn.value();
        double total = sum_wq + sum_wn;
        double d[6] = {0, 0, 0, 0, 0, 0}, c[4] = {0, 0, 0, 0};
        double weakest = 1.0, wsum = 0.0, wllr = 0.0, wmin = 9.0;
        long matched = 0, wbad = 0, last = -1;
        bool in_order = true;
        for (size_t i = 0; i < lq; ++i) {
            long j = mq[i];
            if (j < 0) continue;
            const Channels& s = sims[i * ln + (size_t)j];
            double w = qw[i].weight + nw[(size_t)j].weight;
            d[0] += s.order * w;
            d[1] += (double)s.eq * w;
            d[2] += (double)s.ce * w;
            d[3] += (double)s.se * w;
            d[4] += s.rf * w;
            d[5] += s.rc * w;
            c[0] += s.order;
            c[1] += (double)s.eq;
            c[2] += (double)s.ce;
            c[3] += (double)s.se;
            weakest = std::min(weakest, s.order);
            matched += 1;
            in_order = in_order && j > last;
            last = j;
            double v = forward.llr(in, nw[(size_t)j].form, qw[i].form);
            wmin = std::min(wmin, v);
            wbad += v < word_bad;
            wsum += w;
            wllr += v * w;
        }
        long words = (long)(lq + ln);
        size_t k = 0;
        out[k++] = (double)lq;
        out[k++] = (double)ln;
        out[k++] = (double)in.get(q.forms).size();
        out[k++] = (double)in.get(n.forms).size();
        out[k++] = (double)cross;
        out[k++] = (double)q.arabic;
        for (int lv = 0; lv < N_LEVELS; ++lv) out[k++] = (double)(level == lv);
        out[k++] = (double)(etype == person);
        out[k++] = (double)(etype == place);
        out[k++] = (double)query.is_short;
        out[k++] = (double)query.particles_only;
        out[k++] = !cross ? ratio(in.get(q.forms), in.get(n.forms)) : 0.0;
        out[k++] = ratio(in.get(q.cons), in.get(n.cons));
        out[k++] = ratio(in.get(q.skel), in.get(n.skel));
        out[k++] = (double)(in.get(q.cons).size() >= 2 && q.cons == n.cons);
        out[k++] = (double)(in.get(q.skel).size() >= 2 && q.skel == n.skel);
        for (int x = 0; x < 6; ++x) out[k++] = total > 0 ? d[x] / total : 0.0;
        for (int x = 0; x < 4; ++x) out[k++] = words ? 2 * c[x] / (double)words : 0.0;
        out[k++] = (double)matched;
        out[k++] = matched ? weakest : 0.0;
        out[k++] = (double)in_order;
        double uq_max = 0.0, un_max = 0.0;
        bool any = false;
        for (size_t i = 0; i < lq; ++i)
            if (mq[i] < 0) {
                uq_max = any ? std::max(uq_max, qw[i].weight) : qw[i].weight;
                any = true;
            }
        any = false;
        for (size_t j = 0; j < ln; ++j)
            if (mn[j] < 0) {
                un_max = any ? std::max(un_max, nw[j].weight) : nw[j].weight;
                any = true;
            }
        out[k++] = uq_max;
        out[k++] = un_max;
        long uq_n = 0, un_n = 0, uq_opt = 0, un_opt = 0;
        for (size_t i = 0; i < lq; ++i) {
            uq_n += mq[i] < 0;
            uq_opt += mq[i] < 0 && qw[i].opt;
        }
        for (size_t j = 0; j < ln; ++j) {
            un_n += mn[j] < 0;
            un_opt += mn[j] < 0 && nw[j].opt;
        }
        out[k++] = (double)uq_n;
        out[k++] = (double)un_n;
        out[k++] = (double)uq_opt;
        out[k++] = (double)un_opt;
        bool both = lq && ln;
        out[k++] = both ? sims[0].order : 0.0;
        out[k++] = both ? sims[(lq - 1) * ln + (ln - 1)].order : 0.0;
        out[k++] = (double)(both && sims[0].eq);
        double qmax = 0.0;
        for (size_t i = 0; i < lq; ++i) qmax = i ? std::max(qmax, qw[i].weight) : qw[i].weight;
        out[k++] = qmax;
        out[k++] = sum_wq;
        out[k++] = sum_wn;
        out[k++] = forward.llr(in, n.forms, q.forms);
        out[k++] = backward.llr(in, q.forms, n.forms);
        out[k++] = matched ? wmin : no_path;
        out[k++] = wsum > 0 ? wllr / wsum : no_path;
        out[k++] = (double)wbad;
    }

    // features.py context_features, over the rows of one query (``x``: rows of N_ALL numbers,
    // the pair features filled in)
    void context(const std::vector<int>& entity, std::vector<double>& x) const {
        size_t rows = entity.size();
        struct Best { double v[3]; };
        struct Own { double d, t; };
        std::vector<int> order;  // entities in first-seen order
        std::unordered_map<int, Best> best;
        std::unordered_map<int, Own> own;
        for (size_t r = 0; r < rows; ++r) {
            const double* row = &x[r * N_ALL];
            int e = entity[r];
            auto it = best.find(e);
            if (it == best.end()) {
                it = best.emplace(e, Best{{no_path, 0.0, 0.0}}).first;
                order.push_back(e);
            }
            Best& b = it->second;
            b.v[0] = std::max(b.v[0], row[F_T_FWD]);
            b.v[1] = std::max(b.v[1], row[F_D_SIM]);
            b.v[2] = std::max(b.v[2], row[F_J_RF]);
            if (!row[F_CROSS]) {
                auto ot = own.find(e);
                if (ot == own.end()) ot = own.emplace(e, Own{0.0, no_path}).first;
                ot->second.d = std::max(ot->second.d, row[F_D_SIM]);
                ot->second.t = std::max(ot->second.t, row[F_T_FWD]);
            }
        }
        // per measure, the best entity's value and number and the second best value
        double top1[3], top2[3];
        int arg1[3];
        bool has2[3];
        for (int k = 0; k < 3; ++k) {
            arg1[k] = -1;
            has2[k] = false;
            top1[k] = top2[k] = 0.0;
            for (int e : order) {
                double v = best[e].v[k];
                if (arg1[k] < 0) {
                    top1[k] = v;
                    arg1[k] = e;
                } else if (v > top1[k]) {
                    top2[k] = top1[k];
                    has2[k] = true;
                    top1[k] = v;
                    arg1[k] = e;
                } else if (!has2[k] || v > top2[k]) {
                    top2[k] = v;
                    has2[k] = true;
                }
            }
        }
        const double defaults[3] = {no_path, 0.0, 0.0};
        double n = (double)order.size();
        for (size_t r = 0; r < rows; ++r) {
            double* row = &x[r * N_ALL];
            int e = entity[r];
            double other[3];
            for (int k = 0; k < 3; ++k) {
                // the best other entity's value: the best unless it is this one (a tie at the top
                // gives the same value whichever of the two is taken)
                if (arg1[k] != e)
                    other[k] = top1[k];
                else
                    other[k] = has2[k] ? top2[k] : defaults[k];
            }
            const Own* sib = nullptr;
            if (row[F_CROSS]) {
                auto ot = own.find(e);
                if (ot != own.end()) sib = &ot->second;
            }
            double* c = row + N_PAIR;
            c[0] = other[0];
            c[1] = row[F_T_FWD] - other[0];
            c[2] = other[1];
            c[3] = other[2];
            c[4] = n;
            c[5] = (double)(sib != nullptr);
            c[6] = sib ? sib->d : 0.0;
            c[7] = sib ? sib->t : no_path;
        }
    }

    // resolve.py _weak
    int weak(const double* x, int level, bool foreign) const {
        if (foreign && level != EXACT) return WEAK_LANGUAGE;
        if (x[F_PARTICLES] != 0.0 && level != EXACT) return WEAK_PARTICLES;
        if (x[F_SHORT] != 0.0 && level != EXACT) return WEAK_SHORT;
        if (level == SKELETON && x[F_CROSS] == 0.0 && x[F_D_EQ] == 0.0 && x[F_J_RF] < skeleton_letters)
            return WEAK_SKELETON;
        return WEAK_NONE;
    }

    // dedupe's spelling pairs (glossary.match.pairs): the pair forest's probability of each
    // (query, name) pair alone, no context; ``type`` (when not below 0) stands for every name's.
    void pair_probabilities(const Query& q, const std::vector<int>& nids, const std::vector<int>& levels,
                            int type, std::vector<double>& x, std::vector<double>& out) {
        size_t nr = nids.size();
        x.assign(nr * N_PAIR, 0.0);
        for (size_t r = 0; r < nr; ++r) {
            const Name& n = names.at(nids[r]);
            pair(q, n, levels[r], type >= 0 ? type : n.etype, &x[r * N_PAIR]);
        }
        out.resize(nr);
        pair_forest.margins(x.data(), nr, N_PAIR, out.data());
        for (size_t r = 0; r < nr; ++r) out[r] = Forest::logistic(out[r]);
    }

    // resolve.py Resolver.candidates and the ranking of Resolver._resolve: the candidates (name
    // numbers ascending, each known to ``names``) scored, best first, then each entity's shown
    // name, at most ``limit`` of them with a probability above 0. ``x`` receives the feature rows.
    void score(const Query& q, const std::vector<int>& nids, const std::vector<int>& levels, int type,
               int limit, std::vector<double>& x, std::vector<Scored>& all, std::vector<Scored>& ranked) {
        std::vector<int> keep, ents, acronyms;
        std::vector<const Name*> rows;
        for (size_t k = 0; k < nids.size(); ++k) {
            const Name& n = names.at(nids[k]);
            if (levels[k] == ACRONYM && std::find(acronyms.begin(), acronyms.end(), n.entity) == acronyms.end())
                acronyms.push_back(n.entity);
            if (type >= 0 && n.etype != type) continue;
            keep.push_back((int)k);
            rows.push_back(&n);
            ents.push_back(n.entity);
        }
        size_t nr = keep.size();
        x.assign(nr * N_ALL, 0.0);
        for (size_t r = 0; r < nr; ++r)
            pair(q, *rows[r], levels[(size_t)keep[r]], rows[r]->etype, &x[r * N_ALL]);
        context(ents, x);
        all.clear();
        margin.resize(nr);
        resolver.margins(x.data(), nr, N_ALL, margin.data());
        for (size_t r = 0; r < nr; ++r) {
            int lv = levels[(size_t)keep[r]];
            const double* row = &x[r * N_ALL];
            double p = lv != ACRONYM ? Forest::logistic(margin[r])
                                     : acronym[2 * (row[F_SHORT] != 0.0) + (acronyms.size() > 1)];
            all.push_back({p, nids[(size_t)keep[r]], rows[r]->entity, lv, weak(row, lv, rows[r]->foreign), (int)r});
        }
        const int* rank = level_rank;
        std::sort(all.begin(), all.end(), [rank](const Scored& a, const Scored& b) {
            if (a.probability != b.probability) return a.probability > b.probability;
            if (rank[a.level] != rank[b.level]) return rank[a.level] < rank[b.level];
            return a.nid < b.nid;
        });
        // an entity's first candidate is its best name, shown by its strictest name as likely
        ranked.clear();
        std::unordered_map<int, size_t> at;
        for (const Scored& c : all) {
            auto it = at.find(c.entity);
            if (it == at.end()) {
                at.emplace(c.entity, ranked.size());
                ranked.push_back(c);
                continue;
            }
            Scored& had = ranked[it->second];
            if (rank[c.level] < rank[had.level] && (c.probability >= had.probability - same || c.level == EXACT)) {
                double p = had.probability;
                had = c;
                had.probability = p;
            }
        }
        size_t w = 0;
        for (size_t k = 0; k < ranked.size() && (int)w < limit; ++k)
            if (ranked[k].probability > 0.0) ranked[w++] = ranked[k];
        ranked.resize(w);
    }
};

}  // namespace gcore
