# distutils: language = c++
# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, embedsignature=True
"""The compiled core of the learned resolver (C++, through Cython): what `glossary.match.resolve`
computes after a query's candidates are found, for a whole batch of queries in one call, and the
letter n-gram voting of `glossary.match.candidates`.

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
from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython.object cimport PyObject


cdef extern from "_core.hpp" namespace "gcore" nogil:
    cdef cppclass ustr:
        ustr()
        void push_back(Py_UCS4)
        void reserve(size_t)
        size_t size()

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
        Forest resolver
        double acronym, no_path, word_bad, skeleton_letters, same
        cbool compensated
        int person, place
        int level_rank[6]
        unordered_map[int, Name] names
        unordered_map[int, double] weights
        void pair(const Query&, const Name&, int, int, double*)
        void score(const Query&, const vector[int]&, const vector[int]&, int, int, vector[double]&,
                   vector[Scored]&, vector[Scored]&)

    int N_ALL, N_PAIR


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
        s.acronym = float(matcher.acronym)
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
        cdef Forest* f = &s.resolver
        for tree in matcher.resolver.trees:
            f.node0.push_back(f.feature.size())
            f.leaf0.push_back(f.leaf.size())
            f.splits.push_back(1 if len(tree.feature) else 0)
            for v in tree.feature:
                if not 0 <= v < N_ALL:
                    raise ValueError(f"the forest splits on feature {v}, of {N_ALL}")
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

    cpdef int type_code(self, str etype):
        """A small number for an entity type (the core compares numbers)."""
        code = self._types.get(etype)
        if code is None:
            code = self._types[etype] = len(self._types)
        return code

    cdef int _intern(self, str text) except -1:
        return self.s.in_.intern(_u(text))

    cdef int _word_weight(self, int form, str text) except -1:
        it = self.s.weights.find(form)
        if it == self.s.weights.end():
            self.s.weights[form] = float(self._weights(text))
        return 0

    cdef int _name(self, Name* n, str profile) except -1:
        """``n`` from an encoded profile (`glossary.match.profile.encode`)."""
        cdef Word w
        n.arabic = profile[:1] == "a"
        n.words.clear()
        parts = profile[1:].split("\x1e") if len(profile) > 1 else []
        forms, cons, skel = [], [], []
        for fields in parts:
            form, sk, alt, cn, opt = fields.split("\x1f")[:5]
            w.form = self._intern(form)
            w.skel = self._intern(sk)
            w.alt = self._intern(alt)
            w.cons = self._intern(cn)
            w.opt = opt == "1"
            self._word_weight(w.form, form)
            w.weight = self.s.weights[w.form]
            n.words.push_back(w)
            forms.append(form)
            cons.append(cn)
            skel.append(sk)
        n.forms = self._intern("".join(forms))
        n.cons = self._intern("".join(cons))
        n.skel = self._intern("".join(skel))
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
        cdef Query q
        cdef vector[int] nids, levels
        cdef vector[double] x
        cdef vector[Scored] scored, ranked
        cdef int type_ = -1 if etype is None else self.type_code(etype)
        out = []
        for spec in queries:
            self._query(&q, spec[:3])
            nids = spec[3]
            levels = spec[4]
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


cdef vector[double] _votes  # name number -> votes, all 0 between calls (a dense table, reused)
cdef vector[char] _voted


def ngram_votes(list postings, int n_entities, int limit, int cap):
    """`glossary.match.candidates.ngram_candidates` once its keys are looked up: ``postings``, the
    name numbers of each trigram found (sequences of ints), in the order of the lookup's answer."""
    cdef Py_ssize_t i, size
    cdef double w
    cdef double n = n_entities if n_entities > 1 else 1
    cdef int nid
    cdef vector[int] touched
    cdef vector[pair[double, int]] ranked
    for nids in postings:
        size = len(nids)
        if size > cap:
            continue
        w = log(1 + n / size)
        for i in range(size):
            nid = <object>PyList_GET_ITEM(nids, i) if type(nids) is list else nids[i]
            if nid < 0:
                raise ValueError(f"a name number below 0: {nid}")
            if <size_t>nid >= _votes.size():
                _votes.resize(max(<size_t>nid + 1, 2 * _votes.size()), 0.0)
                _voted.resize(_votes.size(), 0)
            if not _voted[nid]:
                _voted[nid] = 1
                touched.push_back(nid)
            _votes[nid] += w
    ranked.reserve(touched.size())
    for nid in touched:
        ranked.push_back(pair[double, int](-_votes[nid], nid))
        _votes[nid] = 0.0
        _voted[nid] = 0
    cdef size_t k = min(<size_t>max(limit, 0), ranked.size())
    partial_sort(ranked.begin(), ranked.begin() + k, ranked.end())
    return [ranked[i].second for i in range(k)]
