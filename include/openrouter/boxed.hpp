// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_BOXED_HPP
#define OPENROUTER_BOXED_HPP

/// @file
/// `boxed<T>`: an optional value kept on the heap, with the interface of `std::optional<T>`.
///
/// Used for large members that are almost always absent, such as `chat_delta::usage` (only
/// the last delta of a stream has one): an empty `boxed` is one pointer, where an empty
/// `std::optional<usage>` is the size of a `usage`. A stream moves every delta a few times on
/// its way to the caller, so the smaller delta is measurably faster (docs/performance.md).
///
/// Semantics are those of `std::optional<T>`: a copy copies the value, comparison compares
/// values (an empty box equals only an empty box or `std::nullopt`), `*`/`->` on an empty box
/// are undefined behaviour and `value()` throws `std::bad_optional_access`. A moved-from box
/// is empty. Not thread-safe; a plain value.

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace openrouter {

/// An optional `T` stored on the heap (see the file comment): empty, or owning one `T`.
template <class T>
class boxed {
public:
    using value_type = T;  ///< the type of the held value

    /// Empty (no allocation).
    ///@{
    boxed() noexcept = default;
    boxed(std::nullopt_t) noexcept {}
    ///@}
    /// Holds a copy of `v` (or `v` moved into a new heap allocation).
    ///@{
    boxed(const T& v) : p_(std::make_unique<T>(v)) {}
    boxed(T&& v) : p_(std::make_unique<T>(std::move(v))) {}
    ///@}
    /// Empty when `v` is, otherwise holds a copy of (or what is moved from) `*v`.
    ///@{
    boxed(const std::optional<T>& v) : p_(v ? std::make_unique<T>(*v) : nullptr) {}
    boxed(std::optional<T>&& v) : p_(v ? std::make_unique<T>(std::move(*v)) : nullptr) {}
    ///@}
    /// Deep copy: a new allocation holding a copy of `o`'s value (empty when `o` is).
    boxed(const boxed& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
    /// Takes `o`'s allocation (no copy); `o` is left empty.
    boxed(boxed&& o) noexcept = default;
    ~boxed() = default;

    /// Deep copy assignment (empty when `o` is).
    boxed& operator=(const boxed& o)
    {
        if (this != &o)
            p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
        return *this;
    }
    /// Takes `o`'s allocation; `o` is left empty.
    boxed& operator=(boxed&& o) noexcept = default;
    /// Makes it empty.
    boxed& operator=(std::nullopt_t) noexcept
    {
        p_.reset();
        return *this;
    }
    /// Stores `v` (copied or moved): assigned to the held value if any, else in a new allocation.
    ///@{
    boxed& operator=(const T& v)
    {
        emplace(v);
        return *this;
    }
    boxed& operator=(T&& v)
    {
        emplace(std::move(v));
        return *this;
    }
    ///@}

    /// True when it holds a value.
    ///@{
    bool has_value() const noexcept { return p_ != nullptr; }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    ///@}

    /// The held value; undefined behaviour when empty.
    ///@{
    T& operator*() noexcept { return *p_; }
    const T& operator*() const noexcept { return *p_; }
    T* operator->() noexcept { return p_.get(); }
    const T* operator->() const noexcept { return p_.get(); }
    ///@}

    /// The held value; throws `std::bad_optional_access` when empty.
    ///@{
    T& value()
    {
        if (!p_)
            throw std::bad_optional_access();
        return *p_;
    }
    const T& value() const
    {
        if (!p_)
            throw std::bad_optional_access();
        return *p_;
    }
    ///@}

    /// Replaces the value (or makes one) from `args`.
    template <class... Args>
    T& emplace(Args&&... args)
    {
        if (p_)
            *p_ = T(std::forward<Args>(args)...);
        else
            p_ = std::make_unique<T>(std::forward<Args>(args)...);
        return *p_;
    }

    /// Makes it empty (frees the value).
    void reset() noexcept { p_.reset(); }

    /// The value as a `std::optional` (a copy).
    std::optional<T> to_optional() const { return p_ ? std::optional<T>(*p_) : std::nullopt; }

    /// Compares values: equal when both are empty, or both hold equal values; a box equals
    /// `std::nullopt` when it is empty.
    ///@{
    friend bool operator==(const boxed& a, const boxed& b)
    {
        if (!a.p_ || !b.p_)
            return !a.p_ && !b.p_;
        return *a.p_ == *b.p_;
    }
    friend bool operator==(const boxed& a, const std::optional<T>& b)
    {
        if (!a.p_ || !b)
            return !a.p_ && !b;
        return *a.p_ == *b;
    }
    friend bool operator==(const boxed& a, std::nullopt_t) noexcept { return !a.p_; }
    ///@}

private:
    std::unique_ptr<T> p_;
};

}  // namespace openrouter

#endif  // OPENROUTER_BOXED_HPP
