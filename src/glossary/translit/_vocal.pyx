# distutils: language = c++
"""The vocalizer's optional compiled kernel (C++ through Cython): `glossary.translit.vocalizer.Model`'s
letter scores, Viterbi search and capitalization model for a batch of words in one call.

`glossary.translit.vocalizer` is the specification and the fallback: it uses this kernel when it is
built and ``GLOSSARY_PURE_PYTHON`` is not set, and ``tests/translit/test_vocal_parity.py`` checks
that both give the same labels and probabilities.
"""

from libc.math cimport exp, expf, log
from libc.stdint cimport int8_t, int32_t, uint8_t, uint32_t, uint64_t
from libcpp cimport bool as cbool
from libcpp.string cimport string
from libcpp.vector cimport vector
from cpython.unicode cimport PyUnicode_READ_CHAR, PyUnicode_GET_LENGTH


cdef extern from "_vocal.hpp" namespace "vocal":
    cdef int N_TEMPLATES
    cdef int CASE_BASE
    cdef cppclass Kernel:
        int labels
        vector[int8_t] weights
        vector[float] scale, bias
        vector[double] step, start
        cbool has_transitions
        float beam
        vector[double] case_weights
        double case_bias
        cbool compensated
        uint8_t code(uint32_t c)
        cbool learn(uint32_t c)
        void reserve(size_t n)
        void reserve_case(size_t n)
        void add_row(uint64_t key, int32_t row)
        void add_case_row(uint64_t key, int32_t row)
        void scores(const vector[uint32_t]& word, const vector[uint8_t]& shape_codes, float* out)
        void log_softmax(float* s, int n)
        void viterbi(const float* logp, int n, vector[int]& best)
        double case_total(const vector[uint32_t]& word)
        double pattern_weight
        vector[int] label_index
        cbool load_patterns(const char* data, size_t size)
        void choose(const float* logp, int n, const string& coarse, const string& fine, const string& label_chars,
                    const string& known, vector[int]& best)
    uint64_t pack_key(int templ, const uint8_t* codes, int n)


cdef class Vocalizer:
    """The compiled form of one `glossary.translit.vocalizer.Model` (its arrays and vocabularies).

    Raises ValueError when the model does not fit (more than 63 distinct letters in its keys,
    or a key of more than 9 letters): the pure-Python model then answers."""

    cdef Kernel k
    cdef str label_chars
    cdef string label_bytes
    cdef int label_m, label_y, label_w, label_b
    cdef uint8_t shape_code[9]   # the codes of A W Y T Q H C ^ $
    cdef set pattern_letters
    cdef dict shape_of  # code point -> code point of the coarse shape's letter (A W Y T Q H)

    def __init__(self, list keys, list counts, weights, scale, bias, transitions, dict case_index, case_weights,
                 double case_bias, str label_chars, double beam, bint compensated, str patterns="",
                 double pattern_weight=0.0, str pattern_letters="", dict shape_table=None):
        """``keys``: the letter model's feature keys in the order of their rows, ``counts`` how
        many of them each template has (in the order of `glossary.translit.vocalizer.FEATURES`);
        ``patterns``, ``pattern_weight`` and ``pattern_letters`` as `glossary.translit.patterns.Patterns`
        and `fine_shape` read them; ``shape_table`` the coarse shape's letters
        (`glossary.translit.patterns.SHAPE`: code point -> letter)."""
        cdef int t, i, n, c0
        cdef Py_ssize_t r, end
        cdef str key
        cdef uint32_t c
        cdef uint8_t codes[16]
        cdef const int8_t[:, ::1] w = weights
        cdef const float[::1] sc = scale
        cdef const float[::1] bi = bias
        cdef const float[:, ::1] tr
        cdef const float[::1] cw = case_weights
        if len(counts) != N_TEMPLATES or sum(counts) != len(keys):
            raise ValueError(f"{len(counts)} feature templates of {sum(counts)} keys, the kernel knows {N_TEMPLATES}")
        self.label_chars = label_chars
        self.label_m = label_chars.find("M")
        self.label_y = label_chars.find("Y")
        self.label_w = label_chars.find("w")
        self.label_b = label_chars.find("b")
        self.k.labels = w.shape[1]
        self.k.beam = <float>beam
        self.k.compensated = compensated
        if w.shape[0]:
            self.k.weights.assign(&w[0, 0], &w[0, 0] + w.shape[0] * w.shape[1])
        for i in range(sc.shape[0]):
            self.k.scale.push_back(sc[i])
            self.k.bias.push_back(bi[i])
        if transitions is not None:
            tr = transitions
            self.k.has_transitions = True
            for i in range(self.k.labels):  # step[current][previous]
                for t in range(self.k.labels):
                    self.k.step.push_back(tr[t, i])
            for i in range(self.k.labels):
                self.k.start.push_back(tr[self.k.labels, i])
        for ch in "AWYTQHC^$0123456789":
            self.k.learn(ord(ch))
        self.k.reserve(len(keys))
        r = 0
        for t in range(N_TEMPLATES):
            end = r + <Py_ssize_t>counts[t]
            while r < end:
                key = <str>keys[r]
                n = PyUnicode_GET_LENGTH(key)
                if n > 9:
                    raise ValueError(f"a key of {n} letters")
                for i in range(n):
                    c = PyUnicode_READ_CHAR(key, i)
                    if not self.k.learn(c):
                        raise ValueError("more than 63 letters (of the Basic Multilingual Plane) in the model's keys")
                    codes[i] = self.k.code(c)
                self.k.add_row(pack_key(t, codes, n), <int32_t>r)
                r += 1
        self.k.reserve_case(len(case_index))
        for key, value in case_index.items():
            n = PyUnicode_GET_LENGTH(key) - 1
            if n < 0 or n > 9:
                continue  # a feature no word makes
            c0 = PyUnicode_READ_CHAR(key, 0)
            t = 0 if c0 == 76 else 1 if c0 == 80 else 2 if c0 == 81 else 3 if c0 == 84 else -1  # L P Q T
            if t < 0:
                continue
            for i in range(n):
                c = PyUnicode_READ_CHAR(key, i + 1)
                if not self.k.learn(c):
                    raise ValueError("more than 63 letters (of the Basic Multilingual Plane) in the model's keys")
                codes[i] = self.k.code(c)
            self.k.add_case_row(pack_key(CASE_BASE + t, codes, n), <int32_t>value)
        for i in range(cw.shape[0]):
            self.k.case_weights.push_back(cw[i])
        self.k.case_bias = case_bias
        for i, ch in enumerate("AWYTQHC^$"):
            self.shape_code[i] = self.k.code(ord(ch))
        self.label_bytes = label_chars.encode("ascii")
        for i, ch in enumerate(label_chars):
            self.k.label_index[ord(ch)] = i
        self.pattern_letters = {ord(ch) for ch in pattern_letters}
        self.shape_of = {k: ord(v) for k, v in (shape_table or {}).items()}
        self.k.pattern_weight = pattern_weight
        cdef bytes data
        if pattern_weight and patterns:
            data = patterns.encode("utf-8")
            if not self.k.load_patterns(data, len(data)):
                raise ValueError("a malformed line in the model's patterns")

    cdef void _letters(self, str word, vector[uint32_t]& out, vector[uint8_t]& shape):
        cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(word)
        cdef uint32_t c
        out.resize(n)
        shape.resize(n)
        for i in range(n):
            c = PyUnicode_READ_CHAR(word, i)
            out[i] = c
            c = self.shape_of.get(c, c)
            shape[i] = self.k.code(c) if c in (65, 87, 89, 84, 81, 72) else self.shape_code[6]

    def predict_many(self, list words, list fixed=None):
        """Each word's labels and raw probability (`glossary.translit.vocalizer.Model.predict_many`
        with ``raw``): ``fixed``, one entry per word (None or labels with ``?`` where the model
        chooses, ``*`` where it chooses among the shadda labels)."""
        cdef vector[uint32_t] letters
        cdef vector[uint8_t] shape
        cdef vector[float] s
        cdef vector[int] best
        cdef Py_ssize_t w, i, n
        cdef int L = self.k.labels, label, j
        cdef str word, known
        cdef list out = []
        cdef str chars = self.label_chars
        for w in range(len(words)):
            word = words[w]
            n = len(word)
            if n == 0:
                out.append(("", 1.0))
                continue
            self._letters(word, letters, shape)
            s.resize(n * L)
            self.k.scores(letters, shape, s.data())
            # the labels a letter cannot carry (Model._mask, vocalizer.MASKED)
            for i in range(n):
                if self.label_m >= 0 and letters[i] != 0x0627:  # M: ا
                    s[i * L + self.label_m] = -1e4
                if self.label_y >= 0 and (letters[i] != 0x064A or i != n - 1):  # Y: a final ي
                    s[i * L + self.label_y] = -1e4
                if self.label_w >= 0 and letters[i] not in (0x0648, 0x0641, 0x0643, 0x0644, 0x0633):  # w: و ف ك ل س
                    s[i * L + self.label_w] = -1e4
                if self.label_b >= 0 and letters[i] not in (0x0628, 0x0644):  # b: ب ل
                    s[i * L + self.label_b] = -1e4
            known = fixed[w] if fixed is not None else None
            if known:
                for i in range(min(n, len(known))):
                    if known[i] == "*":  # a shadda, its vowel the model's: the other labels go
                        for j in range(L):
                            if chars[j] not in "AUI~":
                                s[i * L + j] = -1e4
                    elif known[i] != "?":
                        label = chars.index(known[i])
                        for j in range(L):
                            s[i * L + j] = -1e4
                        s[i * L + label] = 0.0
            self.k.log_softmax(s.data(), n)
            self.k.viterbi(s.data(), n, best)
            if self.k.pattern_weight != 0.0 and self.k.has_transitions:
                self.k.choose(s.data(), n, self._coarse(word), self._fine(word), self.label_bytes,
                              known.encode("ascii") if known else b"", best)
            out.append(("".join([chars[best[i]] for i in range(n)]), self._probability(s, best, n)))
        return out

    cdef double _probability(self, vector[float]& s, vector[int]& best, Py_ssize_t n):
        """The word's raw probability (`glossary.translit.vocalizer.Model._conditional`): with the
        transitions, the product over the letters of the chosen label's softmax probability given
        the labels chosen on either side; without, of its letter's own softmax probability."""
        cdef int L = self.k.labels, l
        cdef Py_ssize_t i
        cdef double p = 1.0, top, total
        cdef vector[double] x
        if not self.k.has_transitions:
            for i in range(n):
                p = p * <double>expf(s[i * L + best[i]])
            return p
        x.resize(L)
        for i in range(n):
            for l in range(L):
                x[l] = <double>s[i * L + l] + (self.k.start[l] if i == 0 else self.k.step[l * L + best[i - 1]])
                if i < n - 1:
                    x[l] = x[l] + self.k.step[best[i + 1] * L + l]
            top = x[0]
            for l in range(1, L):
                if x[l] > top:
                    top = x[l]
            total = 0.0
            for l in range(L):
                total = total + exp(x[l] - top)
            p = p * exp(x[best[i]] - top - log(total))
        return p

    cdef string _coarse(self, str word):
        cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(word)
        cdef string out = b"c"
        cdef uint32_t c
        for i in range(n):
            c = PyUnicode_READ_CHAR(word, i)
            c = self.shape_of.get(c, c)
            out.push_back(<char>c if c in (65, 87, 89, 84, 81, 72) else b"C"[0])
        return out

    cdef string _fine(self, str word):
        cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(word)
        cdef list parts = ["f"]
        cdef uint32_t c
        for i in range(n):
            c = PyUnicode_READ_CHAR(word, i)
            parts.append(chr(c) if c in self.pattern_letters else "C")
        return "".join(parts).encode("utf-8")

    def capitalized(self, str word):
        """The probability that a word is a proper name (`glossary.translit.vocalizer.Model.capitalized`)."""
        cdef vector[uint32_t] letters
        cdef vector[uint8_t] shape
        self._letters(word, letters, shape)
        cdef double total = self.k.case_total(letters)
        return 1.0 / (1.0 + exp(-total)) if total > -500 else 0.0
