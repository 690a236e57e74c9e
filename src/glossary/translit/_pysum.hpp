// Floats summed as Python's sum() adds them, for the compiled kernels whose numbers must be
// Python's bit for bit: the vocalizer's (_vocal.hpp) and the resolver's core
// (../match/_core_letters.hpp). Python 3.12 and later add floats with Neumaier's compensated sum;
// earlier versions one by one.
#pragma once

#include <cmath>

namespace pysum {

struct PySum {
    bool compensated;
    double s = 0.0, c = 0.0;
    explicit PySum(bool comp) : compensated(comp) {}
    inline void add(double x) {
        if (!compensated) {
            s += x;
            return;
        }
        double t = s + x;
        if (std::fabs(s) >= std::fabs(x))
            c += (s - t) + x;
        else
            c += (x - t) + s;
        s = t;
    }
    inline double value() const {
        if (compensated && c != 0.0 && std::isfinite(c)) return s + c;
        return s;
    }
};

}  // namespace pysum
