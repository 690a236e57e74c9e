# distutils: language = c++
# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, embedsignature=True
"""The compiled core of the learned resolver (C++, through Cython): what `glossary.match.resolve`
computes after a query's candidates are found, for a whole batch of queries in one call, and the
candidate levels that vote (`wide_many`: the fuzzy level of `glossary.match.fuzzy`, both passes,
ties at the cut included, and the letter n-gram level of `glossary.match.candidates`), also for
a whole batch in one call.

The numbers come from the model object it is given (`glossary.match.model.Matcher`: the two
letter transducers, the resolver forest, the acronym probability), never from this file. Use it
through `glossary.match.core`, which falls back to the pure-Python resolver when this module is
not built; the two are held equal by ``tests/match/test_core_parity.py``.
"""

from libcpp cimport bool as cbool
from libcpp.vector cimport vector
from libcpp.unordered_map cimport unordered_map
from libcpp.utility cimport pair
from libcpp.algorithm cimport partial_sort
from libc.stdint cimport uint32_t
from libc.math cimport log
from libcpp.algorithm cimport sort, stable_sort
from cython.operator cimport dereference as deref
from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython cimport array
from cpython.object cimport PyObject
from cpython.unicode cimport PyUnicode_FindChar, PyUnicode_Tailmatch


cdef extern from "_core.hpp" namespace "gcore" nogil:
    cdef cppclass ustr:
        ustr()
        void push_back(Py_UCS4)
        void reserve(size_t)
        size_t size()
        void clear()
        ustr& append(const ustr&)
        Py_UCS4& operator[](size_t)

    cdef cppclass Interner:
        int intern(const ustr&)

    cdef cppclass Transducer:
        int max_emit
        double floor_
        double unknown
        int band
        double no_path
        cbool compensated
        unordered_map[Py_UCS4, int] src_id
        unordered_map[Py_UCS4, int] tgt_id
        unordered_map[uint32_t, int] seg_id
        unordered_map[Py_UCS4, double] background
        vector[double] emit
        int cols
        double llr(const Interner&, int, int)

    cdef cppclass Forest:
        vector[int] feature, left, right, node0, leaf0
        vector[double] threshold, leaf
        vector[char] splits
        void pack()

    cdef cppclass Word:
        int form, skel, alt, cons
        cbool opt
        double weight

    cdef cppclass Name:
        cbool arabic
        vector[Word] words
        int forms, cons, skel, entity, etype
        cbool foreign

    cdef cppclass Query:
        Name name
        cbool is_short
        cbool particles_only

    cdef cppclass Scored:
        double probability
        int nid, entity, level, weak, row

    cdef cppclass Scorer:
        Interner in_ "in"
        Transducer forward, backward
        Forest resolver, pair_forest
        double acronym[4]
        double no_path, word_bad, skeleton_letters, same
        cbool compensated
        int person, place
        int level_rank[6]
        unordered_map[int, Name] names
        unordered_map[int, double] weights
        void pair(const Query&, const Name&, int, int, double*)
        void score(const Query&, const vector[int]&, const vector[int]&, int, int, vector[double]&,
                   vector[Scored]&, vector[Scored]&)
        void pair_probabilities(const Query&, const vector[int]&, const vector[int]&, int, vector[double]&,
                                vector[double]&)

    int N_ALL, N_PAIR
    double ratio(const ustr&, const ustr&)


cdef extern from "_core_votes.hpp" namespace "gcore" nogil:
    cdef cppclass Votes:
        cbool has(int)
        void add(int, double)
        void add_less(int, double, double)
        void bump(int, double)
        void next_mark()
        cbool mark(int)
        cbool empty()
        vector[pair[int, double]] items()
        void load(const vector[pair[int, double]]&)
        void clear()
    vector[pair[int, double]] by_votes(const Votes&)
    cdef cppclass ByKey[T]:
        ByKey(const vector[T]*)


cdef extern from "Python.h":
    const Py_ssize_t PY_SSIZE_T_MAX


cdef ustr _u(str s):
    cdef ustr out
    cdef Py_UCS4 ch
    out.reserve(len(s))
    for ch in s:
        out.push_back(ch)
    return out


cdef int _load_transducer(Transducer* t, object py, int band, double no_path, cbool compensated) except -1:
    """A `glossary.match.transducer.Transducer` as the core's dense tables."""
    cdef dict emit = py.emit
    t.max_emit = int(py.max_emit)
    if not 0 <= t.max_emit <= 3:
        raise ValueError(f"the compiled core takes transducers writing at most 3 letters, not {t.max_emit}")
    t.floor_ = float(py.floor)
    t.unknown = float(py.unknown)
    t.band = band
    t.no_path = no_path
    t.compensated = compensated
    letters = sorted({c for table in emit.values() for seg in table for c in seg})
    if len(letters) > 255:
        raise ValueError("the compiled core takes transducers of at most 255 target letters")
    for k, c in enumerate(letters, 1):
        t.tgt_id[ord(c)] = k
    segs = sorted({seg for table in emit.values() for seg in table})
    cdef uint32_t key
    for col, seg in enumerate(segs, 1):
        key = len(seg)
        for x, c in enumerate(seg):
            key |= (<uint32_t>t.tgt_id[ord(c)]) << (8 * (x + 1))
        t.seg_id[key] = col
    t.cols = len(segs) + 1
    sources = sorted(emit)
    t.emit.assign((len(sources) + 1) * t.cols, t.floor_)
    cdef int row, column
    for row, src in enumerate(sources, 1):
        if len(src) != 1:
            raise ValueError(f"a transducer's source is one letter, not {src!r}")
        t.src_id[ord(src)] = row
        for seg, v in emit[src].items():
            t.emit[row * t.cols + _column(t, seg)] = float(v)
    for c, v in py.background.items():
        if len(c) == 1:
            t.background[ord(c)] = float(v)
    return 0


cdef int _column(Transducer* t, str seg) except -1:
    cdef uint32_t key = len(seg)
    for x, c in enumerate(seg):
        key |= (<uint32_t>t.tgt_id[ord(c)]) << (8 * (x + 1))
    return t.seg_id[key]


cdef int _load_forest(Forest* f, object forest, int n_features) except -1:
    """A `glossary.match.forest.Forest`'s trees into ``f`` (splitting on features below ``n_features``)."""
    cdef char splits
    cdef int first_node, first_leaf
    for tree in forest.trees:
        # (each value in a variable of its own: Cython hands push_back a reference, and to a
        # conditional expression's value it handed one to a temporary gone by then, so that
        # whether a tree splits was read from a stale stack slot)
        first_node = <int>f.feature.size()
        first_leaf = <int>f.leaf.size()
        splits = 1 if len(tree.feature) else 0
        f.node0.push_back(first_node)
        f.leaf0.push_back(first_leaf)
        f.splits.push_back(splits)
        for v in tree.feature:
            if not 0 <= v < n_features:
                raise ValueError(f"the forest splits on feature {v}, of {n_features}")
            f.feature.push_back(v)
        for v in tree.threshold:
            f.threshold.push_back(v)
        for v in tree.left:
            f.left.push_back(v)
        for v in tree.right:
            f.right.push_back(v)
        for v in tree.leaf:
            f.leaf.push_back(v)
    f.pack()
    return 0


cdef class Core:
    """The core's state for one resolver: the model's tables, interned words, the names met so far
    and their words' weights.

    Args:
        matcher: the fitted matcher (`glossary.match.model.Matcher`).
        weights: the index's word weights (called once per distinct word).
        level_rank: `glossary.match.resolve`'s rank of each level of `glossary.match.features.LEVELS`.
        skeleton_letters, same, word_bad, no_path, band: the Python modules' constants of those names.
        compensated: whether Python's ``sum`` of floats is compensated (Python 3.12 and later).
    """

    cdef Scorer* s
    cdef object _weights
    cdef dict _types

    def __cinit__(self):
        self.s = new Scorer()

    def __dealloc__(self):
        del self.s

    def __init__(self, matcher, weights, *, level_rank, double skeleton_letters, double same,
                 double word_bad, double no_path, int band, cbool compensated):
        cdef Scorer* s = self.s
        self._weights = weights
        self._types = {}
        for k, p in enumerate(matcher.acronym):
            s.acronym[k] = float(p)
        s.no_path = no_path
        s.word_bad = word_bad
        s.skeleton_letters = skeleton_letters
        s.same = same
        s.compensated = compensated
        for k, r in enumerate(level_rank):
            s.level_rank[k] = int(r)
        s.person = self.type_code("person")
        s.place = self.type_code("place")
        _load_transducer(&s.forward, matcher.forward, band, no_path, compensated)
        _load_transducer(&s.backward, matcher.backward, band, no_path, compensated)
        _load_forest(&s.resolver, matcher.resolver, N_ALL)
        _load_forest(&s.pair_forest, matcher.pair, N_PAIR)

    cpdef int type_code(self, str etype):
        """A small number for an entity type (the core compares numbers)."""
        code = self._types.get(etype)
        if code is None:
            code = self._types[etype] = len(self._types)
        return code

    cdef int _intern(self, str text) except -1:
        return self.s.in_.intern(_u(text))

    cdef int _name(self, Name* n, str profile) except -1:
        """``n`` from an encoded profile (`glossary.match.profile.encode`: the script's letter, then
        each word's fields, form, skeleton, other reading, consonants, opt and loose, apart by
        \\x1f, the words apart by \\x1e), read letter by letter."""
        cdef Word w
        cdef Py_ssize_t size = len(profile), i, field = 0, form_at = 1, form_end = 1
        cdef Py_UCS4 ch
        cdef ustr cur, forms, cons, skel
        n.arabic = size > 0 and profile[0] == "a"
        n.words.clear()
        if size > 1:
            for i in range(1, size + 1):
                ch = profile[i] if i < size else 0x1e
                if ch != 0x1f and ch != 0x1e:
                    cur.push_back(ch)
                    continue
                if field == 0:
                    w.form = self.s.in_.intern(cur)
                    forms.append(cur)
                    form_end = i
                elif field == 1:
                    w.skel = self.s.in_.intern(cur)
                    skel.append(cur)
                elif field == 2:
                    w.alt = self.s.in_.intern(cur)
                elif field == 3:
                    w.cons = self.s.in_.intern(cur)
                    cons.append(cur)
                elif field == 4:
                    w.opt = cur.size() == 1 and cur[0] == <Py_UCS4>"1"
                cur.clear()
                field += 1
                if ch == 0x1e:
                    if self.s.weights.find(w.form) == self.s.weights.end():
                        self.s.weights[w.form] = float(self._weights(profile[form_at:form_end]))
                    w.weight = self.s.weights[w.form]
                    n.words.push_back(w)
                    w.form = w.skel = w.alt = w.cons = 0
                    w.opt = False
                    field = 0
                    form_at = i + 1
        n.forms = self.s.in_.intern(forms)
        n.cons = self.s.in_.intern(cons)
        n.skel = self.s.in_.intern(skel)
        return 0

    def missing(self, nids):
        """The name numbers of ``nids`` the core has not been given (`add_names`)."""
        cdef unordered_map[int, Name]* names = &self.s.names
        return [nid for nid in nids if names.find(nid) == names.end()]

    def add_names(self, nids, profiles, entities, etypes, foreign):
        """Names of the index, by number: encoded profile, entity number, entity type, and whether
        it is a variant in another language than English or Arabic."""
        cdef Name n
        for nid, prof, e, t, fo in zip(nids, profiles, entities, etypes, foreign):
            self._name(&n, prof)
            n.entity = e
            n.etype = self.type_code(t)
            n.foreign = bool(fo)
            self.s.names[nid] = n

    cdef int _query(self, Query* q, tuple spec) except -1:
        profile, is_short, particles_only = spec
        self._name(&q.name, profile)
        q.is_short = bool(is_short)
        q.particles_only = bool(particles_only)
        return 0

    def rank_many(self, list queries, etype, int limit):
        """For each query (a tuple: encoded profile, short, particles only, candidate name numbers
        ascending, their levels as numbers), its ranked candidates: (probability, name number,
        entity number, level number, weak reason number, row), at most ``limit``, as
        `glossary.match.resolve.Resolver` ranks them."""
        return self._many(queries, etype, limit, False)

    def pair_many(self, list queries, etype=None):
        """For each query (as `rank_many` takes it: encoded profile, short, particles only, name
        numbers, their levels as numbers), the pair forest's probability of each of its names alone
        (`glossary.match.features.pair_features`, no context), in the order given; ``etype`` stands
        for every name's own type when given."""
        return self._many(queries, etype, 0, True)

    cdef list _many(self, list queries, etype, int limit, cbool pairs):
        cdef Query q
        cdef vector[int] nids, levels
        cdef vector[double] x, p
        cdef vector[Scored] scored, ranked
        cdef int type_ = -1 if etype is None else self.type_code(etype)
        out = []
        for spec in queries:
            self._query(&q, spec[:3])
            nids = spec[3]
            levels = spec[4]
            if pairs:
                self.s.pair_probabilities(q, nids, levels, type_, x, p)
                out.append(list(p))
            else:
                self.s.score(q, nids, levels, type_, limit, x, scored, ranked)
                out.append([(c.probability, c.nid, c.entity, c.level, c.weak, c.row) for c in ranked])
        return out

    def score(self, tuple spec, etype=None):
        """One query's candidates (as `rank_many` takes them): every candidate scored, best first,
        as (probability, name number, entity number, level number, weak reason number, row), and
        the feature rows (`PAIR` then `CONTEXT`) the model read (for the parity tests)."""
        cdef Query q
        cdef vector[int] nids = spec[3]
        cdef vector[int] levels = spec[4]
        cdef vector[double] x
        cdef vector[Scored] scored, ranked
        cdef int type_ = -1 if etype is None else self.type_code(etype)
        self._query(&q, spec[:3])
        self.s.score(q, nids, levels, type_, 1 << 30, x, scored, ranked)
        rows = [[x[r * N_ALL + k] for k in range(N_ALL)] for r in range(x.size() // N_ALL)]
        return [(c.probability, c.nid, c.entity, c.level, c.weak, c.row) for c in scored], rows

    def llr(self, str source, str target, cbool forward=True):
        """The forward (or backward) transducer's `glossary.match.transducer.Transducer.llr`."""
        cdef int a = self._intern(source), b = self._intern(target)
        return self.s.forward.llr(self.s.in_, a, b) if forward else self.s.backward.llr(self.s.in_, a, b)



# ---------------------------------------------------------------- the candidate levels that vote
# Both count votes in one table (a dense array by name number, reset between uses); the GIL is
# held throughout, so that no two calls share it at once.
cdef Votes _tally


cdef struct Ids:
    # a sequence of name numbers as the index holds it: an array('i') (read in place) or a list
    const int* data
    PyObject* seq
    Py_ssize_t size


cdef inline Ids _ids(object nids) except *:
    cdef Ids v
    cdef array.array a
    v.seq = <PyObject*>nids
    v.data = NULL
    if type(nids) is array.array and (<array.array>nids).ob_descr.typecode == 105:
        a = <array.array>nids
        v.data = a.data.as_ints
        v.size = len(a)
    else:
        v.size = len(nids)
    return v


cdef inline int _nid_at(Ids v, Py_ssize_t i) except -1:
    cdef int nid
    if v.data != NULL:
        nid = v.data[i]
    elif type(<object>v.seq) is list:
        nid = <object>PyList_GET_ITEM(<object>v.seq, i)
    else:
        nid = (<object>v.seq)[i]
    if nid < 0:
        raise ValueError(f"a name number below 0: {nid}")
    return nid


cdef list _ngram(list postings, double n, int limit, int cap):
    """`glossary.match.candidates.ngram_votes` over the postings of the trigrams found, in order."""
    cdef Py_ssize_t i, size
    cdef double w
    cdef Ids ids
    cdef vector[pair[double, int]] ranked
    _tally.clear()
    for nids in postings:
        ids = _ids(nids)
        size = ids.size
        if size > cap:
            continue
        w = log(1 + n / size)
        for i in range(size):
            _tally.add(_nid_at(ids, i), w)
    cdef vector[pair[int, double]] votes = _tally.items()
    for kv in votes:
        ranked.push_back(pair[double, int](-kv.second, kv.first))
    _tally.clear()
    # (votes descending, then the lower name number)
    cdef size_t k = min(<size_t>max(limit, 0), ranked.size())
    partial_sort(ranked.begin(), ranked.begin() + k, ranked.end())
    return [ranked[i].second for i in range(k)]


def ngram_votes(list postings, int n_entities, int limit, int cap):
    """`glossary.match.candidates.ngram_candidates` once its keys are looked up: ``postings``, the
    name numbers of each trigram found (sequences of ints), in the order of the lookup's answer."""
    return _ngram(postings, n_entities if n_entities > 1 else 1, limit, cap)


cdef struct Bounds:
    # glossary.match.fuzzy's constants of these names (given by glossary.match.candidates)
    int candidates, near_cap, pair_cap, raise_cap, vote_budget, tie_cap, ngrams, gram_cap
    double raise_


cdef class _Maps:
    """What the voting levels read of an index held in memory (`glossary.match.memory.MemoryStore`)."""
    cdef dict keys, posting, near
    cdef list names
    cdef double n, norm
    cdef Bounds b


cdef inline double _rarity(Py_ssize_t size, double n, double norm):
    """fuzzy.py candidates' rarity."""
    cdef double r = log(1 + n / <double>(size if size > 1 else 1)) / norm
    if r > 1.0:
        r = 1.0
    return r if r > 0.05 else 0.05


cdef list _deletions(str s):
    """`glossary.match.keys.deletions`."""
    return [s[:i] + s[i + 1:] for i in range(len(s))]


cdef list _near_groups(_Maps m, list groups, list wanted):
    """fuzzy.py `_near_groups`."""
    cdef list out = []
    cdef set ng
    for g, w in zip(groups, wanted):
        ng = set()
        if w:
            for s in g:
                hit = m.near.get(s)
                if hit is not None:
                    ng.update(hit)
                if len(s) >= 3:
                    for d in _deletions(s):
                        hit = m.near.get(d)
                        if hit is not None:
                            ng.update(hit)
        if ng:
            ng.difference_update(g)
            out.append(sorted(ng)[:m.b.near_cap])
        else:
            out.append([])
    return out


cdef inline int _want(dict wanted, dict pair_of, set counted, str sa, str sb, double v, int p) except -1:
    """fuzzy.py `_pair_votes`' want."""
    k = "&" + sa + " " + sb if sa <= sb else "&" + sb + " " + sa
    if k in counted:
        return 0
    had = wanted.get(k)
    if v > (-1.0 if had is None else <double>had):
        wanted[k] = v
        pair_of[k] = p
    return 0


cdef int _pair_votes(_Maps m, list groups, list near_groups, list wts, dict near_wts, set counted) except -1:
    """fuzzy.py `_pair_votes`, into ``_tally``."""
    cdef dict wanted = {}, pair_of = {}
    cdef Py_ssize_t nw = len(groups), i, j, x, size, lim
    cdef int p, nid
    cdef double wi, wj, v, add, had
    cdef int per_pair[64]
    cdef unordered_map[long long, double] taken
    cdef long long key
    cdef bint common
    cdef Ids ids
    for i in range(nw):
        for j in range(i + 1, nw):
            p = <int>(i * 8 + j)
            wi = wts[i]
            wj = wts[j]
            for sa in groups[i]:
                for sb in groups[j]:
                    _want(wanted, pair_of, counted, sa, sb, wi + wj, p)
                for sb in near_groups[j]:
                    _want(wanted, pair_of, counted, sa, sb, wi + <double>near_wts.get(sb, 0.025), p)
            for sa in near_groups[i]:
                for sb in groups[j]:
                    _want(wanted, pair_of, counted, sa, sb, <double>near_wts.get(sa, 0.025) + wj, p)
    for x in range(64):
        per_pair[x] = 0
    for q in pair_of.values():
        per_pair[<int>q] += 1
    # the rarest and weightiest pairs first: (names / weight, key), keys unique
    hits = []
    for k, wv in wanted.items():
        nids = m.keys.get(k)
        if nids is not None:
            hits.append((len(nids) / <double>wv, k, nids, wv, pair_of[k]))
    hits.sort()
    cdef Py_ssize_t budget = m.b.vote_budget
    for _, k, nids, wv, q in hits:
        v = wv
        p = q
        ids = _ids(nids)
        size = ids.size
        common = not _tally.empty() and size > m.b.pair_cap
        if common or budget <= 0 and size > 8:
            if not common or size <= m.b.raise_cap:
                add = m.b.raise_ * v if common else v
                _tally.next_mark()  # (each name of the pair once, as a set of names would)
                for x in range(size):
                    nid = _nid_at(ids, x)
                    if _tally.has(nid) and _tally.mark(nid):
                        _tally.bump(nid, add)
                counted.add(k)
            continue
        lim = size if size <= m.b.pair_cap else m.b.pair_cap
        if per_pair[p] == 1:
            for x in range(lim):
                _tally.add(_nid_at(ids, x), v)
        else:
            for x in range(lim):
                nid = _nid_at(ids, x)
                key = <long long>nid * 64 + p
                it = taken.find(key)
                had = 0.0 if it == taken.end() else deref(it).second
                if v > had:
                    _tally.add_less(nid, v, had)
                    taken[key] = v
        budget -= size
        counted.add(k)
    return 0


cdef int _word_votes(_Maps m, dict post, list groups, list near_groups, list wts, dict near_wts) except -1:
    """fuzzy.py `_word_votes`, into ``_tally``."""
    cdef Py_ssize_t nw = len(groups), budget = 4 * m.b.vote_budget, before, x, lim
    cdef vector[pair[int, double]] mine
    cdef double w, v
    cdef int nid
    cdef Ids ids
    sizes = [sum([len(post.get(s, ())) for s in g]) for g in groups]
    for i in sorted(range(nw), key=sizes.__getitem__):
        mine.clear()
        _tally.next_mark()
        near = sorted(near_groups[i], key=lambda sk: len(post.get(sk, ())))
        w = wts[i]
        for group, exact in ((groups[i], True), (near, False)):
            for sk in group:
                if budget <= 0:
                    break
                before = <Py_ssize_t>mine.size()
                v = w if exact else <double>near_wts.get(sk, 0.025)
                hit = post.get(sk)
                if hit is not None:
                    ids = _ids(hit)
                    lim = min(ids.size, budget)
                    for x in range(lim):
                        nid = _nid_at(ids, x)
                        if _tally.mark(nid):
                            mine.push_back(pair[int, double](nid, v))
                budget -= <Py_ssize_t>mine.size() - before
        for kv in mine:
            _tally.add(kv.first, kv.second)
        if budget <= 0:
            break
    return 0


cdef inline str _field(str s, Py_ssize_t start):
    """fuzzy.py `_field`."""
    cdef Py_ssize_t end = PyUnicode_FindChar(s, 0x1f, start, len(s), 1)
    return s[start:end] if end >= 0 else s[start:]


cdef inline bint _starts(str s, tuple prefixes, Py_ssize_t at) except -1:
    for x in prefixes:
        if PyUnicode_Tailmatch(s, x, at, PY_SSIZE_T_MAX, -1):
            return True
    return False


cdef int _break_ties(_Maps m, vector[pair[int, double]]& ranked, tuple first, tuple last) except -1:
    """fuzzy.py `_break_ties`: ``ranked`` becomes its head and its tied run, ordered."""
    cdef int C = m.b.candidates
    cdef double cut = ranked[C - 1].second
    cdef Py_ssize_t i = C - 1, j = C, end, nt, t, lo, hi, slots, k, run_n
    while i and ranked[i - 1].second == cut:
        i -= 1
    end = min(<Py_ssize_t>ranked.size(), i + m.b.tie_cap)
    while j < end and ranked[j].second == cut:
        j += 1
    nt = j - i
    f0, s0, a0 = first
    fn, sn, an = last
    cdef str ff = f0 + "\x1f", lf = fn + "\x1f"
    cdef tuple firsts_t = tuple(["\x1f" + x + "\x1f" for x in {s0, a0} - {""}])
    cdef tuple lasts_t = tuple(["\x1f" + x + "\x1f" for x in {sn, an} - {""}])
    cdef list strs = []
    cdef vector[Py_ssize_t] starts
    cdef vector[int] neg, order
    cdef str s
    cdef Py_ssize_t p, n_s
    for t in range(nt):
        s = (<tuple>m.names[ranked[i + t].first])[3]
        strs.append(s)
        n_s = len(s)
        p = PyUnicode_FindChar(s, 0x1e, 0, n_s, -1) + 1
        starts.push_back(p if p else 1)
        p = starts.back()
        neg.push_back(-(PyUnicode_Tailmatch(s, ff, 1, PY_SSIZE_T_MAX, -1)
                        + PyUnicode_Tailmatch(s, lf, p, PY_SSIZE_T_MAX, -1)
                        + _starts(s, firsts_t, PyUnicode_FindChar(s, 0x1f, 1, n_s, 1))
                        + _starts(s, lasts_t, PyUnicode_FindChar(s, 0x1f, p, n_s, 1))))
        order.push_back(<int>t)
    stable_sort(order.begin(), order.end(), ByKey[int](&neg))
    slots = C - i
    cdef int level = neg[order[slots - 1]]
    lo = slots - 1
    while lo and neg[order[lo - 1]] == level:
        lo -= 1
    hi = slots
    while hi < nt and neg[order[hi]] == level:
        hi += 1
    cdef vector[pair[int, double]] tied
    for t in range(nt):
        tied.push_back(ranked[i + order[t]])
    cdef vector[double] key
    cdef vector[int] run_order
    cdef vector[pair[int, double]] run
    cdef ustr uq
    if hi > slots:
        run_n = hi - lo
        key.assign(run_n, 0.0)
        for q, at_first in ((f0, True), (fn, False)):
            forms = [_field(strs[order[lo + k]], 1 if at_first else starts[order[lo + k]]) for k in range(run_n)]
            if forms.count(q) < run_n:
                uq = _u(q)
                for k in range(run_n):
                    key[k] = key[k] - ratio(uq, _u(forms[k]))
        for k in range(run_n):
            run_order.push_back(<int>k)
            run.push_back(tied[lo + k])
        stable_sort(run_order.begin(), run_order.end(), ByKey[double](&key))
        for k in range(run_n):
            tied[lo + k] = run[run_order[k]]
    ranked.resize(i)
    for t in range(nt):
        ranked.push_back(tied[t])
    return 0


cdef int _fuzzy(_Maps m, list groups, tuple first, tuple last, bint full, vector[pair[int, double]]* memo,
                bint* memo_set, set counted, vector[int]* out) except -1:
    """fuzzy.py `candidates` (with a memo) into ``out``, name numbers ascending."""
    out.clear()
    cdef Py_ssize_t nw = len(groups), mx, size
    if nw == 0:
        return 0
    cdef dict post = {}
    for g in groups:
        for x in g:
            hit = m.posting.get(x)
            if hit is not None:
                post[x] = hit
    cdef list wts = [], wanted = []
    for g in groups:
        mx = 0
        for x in g:
            hit = post.get(x)
            if hit is not None:
                size = len(hit)
                if size > mx:
                    mx = size
        wts.append(_rarity(mx, m.n, m.norm))
        wanted.append(full or not mx)
    cdef list near_groups = _near_groups(m, groups, wanted)
    cdef dict near_wts = {}
    for g in near_groups:
        for x in g:
            if x not in post:
                hit = m.posting.get(x)
                if hit is not None:
                    post[x] = hit
    for g in near_groups:
        for x in g:
            hit = post.get(x)
            if hit is not None:
                near_wts[x] = 0.5 * _rarity(len(hit), m.n, m.norm)
    if memo_set[0]:
        _tally.load(deref(memo))
    else:
        _tally.clear()
    if nw >= 2:
        _pair_votes(m, groups, near_groups, wts, near_wts, counted)
    if not memo_set[0]:
        memo[0] = _tally.items()
        memo_set[0] = True
    if _tally.empty():
        _word_votes(m, post, groups, near_groups, wts, near_wts)
    if _tally.empty():
        return 0
    cdef vector[pair[int, double]] ranked = by_votes(_tally)
    _tally.clear()
    cdef size_t C = m.b.candidates
    if ranked.size() > C and ranked[C].second == ranked[C - 1].second:
        _break_ties(m, ranked, first, last)
    if ranked.size() > C:
        ranked.resize(C)
    cdef double least = 0.4 * ranked[0].second
    for kv in ranked:
        if kv.second >= least:
            out.push_back(kv.first)
    sort(out.begin(), out.end())
    return 0


def wide_many(store, list specs, tuple bounds):
    """The wide candidate levels of `glossary.match.candidates.gather` for a batch of queries,
    counted as `glossary.match.fuzzy.candidates` (both passes, the second carrying on from the
    first's votes) and `glossary.match.candidates.ngram_candidates` count them, over an index held
    in memory (``store``: a `glossary.match.memory.MemoryStore`).

    Each spec (`glossary.match.candidates.wide_spec`): the query's word groups of each pass
    (skeletons per significant word), its first and last significant words (form, skeleton, other
    reading), and its letter trigram keys. ``bounds``: the fuzzy level's and the n-gram level's
    constants. Returns per query (the fuzzy level's names: the first pass's ascending, then the
    second's; the n-gram level's names, best first).
    """
    cdef _Maps m = _Maps()
    m.keys = store.keys
    m.posting = store.posting
    m.near = store.near
    m.names = store.names
    m.n = max(int(store.n_entities), 1)
    m.norm = log(1 + m.n)
    candidates, near_cap, pair_cap, raise_cap, raise_, vote_budget, tie_cap, ngrams, gram_cap = bounds
    m.b.candidates, m.b.near_cap, m.b.pair_cap, m.b.raise_cap = candidates, near_cap, pair_cap, raise_cap
    m.b.raise_, m.b.vote_budget, m.b.tie_cap, m.b.ngrams, m.b.gram_cap = raise_, vote_budget, tie_cap, ngrams, gram_cap
    if m.b.candidates < 1:
        raise ValueError("the fuzzy level hands on at least one name")
    cdef vector[pair[int, double]] memo
    cdef bint memo_set
    cdef vector[int] got
    cdef set counted
    out = []
    for groups1, groups2, first, last, grams in specs:
        memo_set = False
        counted = set()
        fuzzy = []
        for groups, full in ((groups1, False), (groups2, True)):
            _fuzzy(m, groups, first, last, full, &memo, &memo_set, counted, &got)
            fuzzy.extend([nid for nid in got])
        postings = []
        for k in grams:
            hit = m.keys.get(k)
            if hit is not None:
                postings.append(hit)
        out.append((fuzzy, _ngram(postings, m.n, m.b.ngrams, m.b.gram_cap)))
    return out
