// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Beast's separately compiled implementation, built once inside the library.
#include <boost/beast/src.hpp>
