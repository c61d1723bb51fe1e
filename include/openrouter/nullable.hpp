// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_NULLABLE_HPP
#define OPENROUTER_NULLABLE_HPP

/// @file
/// `nullable<T>`: a JSON field that can be *absent*, explicitly *null*, or hold a *value*.
///
/// JSON tells "the key is missing" apart from "the key is present with the value null", and the
/// OpenRouter API gives both a meaning in a few places: an assistant message whose `content` is
/// `null` (it only calls tools) differs from a streaming delta that carries no `content` key at
/// all; a choice whose `finish_reason` is `null` has not finished. Where the SDK models such a
/// field it uses `nullable<T>`; everywhere else it uses `std::optional<T>`, and its header says
/// how a JSON `null` is read (as absent, unless documented otherwise).
///
/// Encoding: an absent field is not written; a null one is written as `null`.
/// Decoding: a missing key gives absent, `null` gives null, anything else must be a `T`.
///
/// `nullable<T>` is a regular value type (copyable, movable, comparable when `T` is). It is not
/// thread-safe beyond what `T` is: concurrent reads are fine, a write needs exclusive access.

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

namespace openrouter {

/// Tri-state value: absent, null, or a `T`.
///
/// `nullable<int> n;` is absent; `n = nullptr;` makes it null; `n = 3;` gives it a value.
/// `has_value()` (and `explicit operator bool`) is true only in the value state; `value()`
/// throws `std::bad_optional_access` when there is no value; `*n` requires one.
template <class T>
class nullable {
public:
    /// Absent.
    constexpr nullable() noexcept = default;

    /// Explicit null.
    constexpr nullable(std::nullptr_t) noexcept : null_(true) {}

    /// A value (implicit, like `std::optional`).
    template <class U = T,
              class = std::enable_if_t<std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, nullable> &&
                                       !std::is_same_v<std::decay_t<U>, std::nullptr_t>>>
    constexpr nullable(U&& v) : value_(std::forward<U>(v))
    {}

    /// Makes it null (`set_null()`).
    constexpr nullable& operator=(std::nullptr_t) noexcept
    {
        set_null();
        return *this;
    }

    /// Gives it the value `v` (no longer absent or null).
    template <class U = T,
              class = std::enable_if_t<std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, nullable> &&
                                       !std::is_same_v<std::decay_t<U>, std::nullptr_t>>>
    constexpr nullable& operator=(U&& v)
    {
        value_ = std::forward<U>(v);
        null_ = false;
        return *this;
    }

    /// True when the field is missing (not null, no value).
    constexpr bool is_absent() const noexcept { return !value_ && !null_; }
    /// True when the field is present and null.
    constexpr bool is_null() const noexcept { return null_; }
    /// True when the field is present (null or a value): it would be written.
    constexpr bool is_present() const noexcept { return value_.has_value() || null_; }
    /// True when the field holds a value.
    constexpr bool has_value() const noexcept { return value_.has_value(); }
    /// Same as `has_value()`.
    constexpr explicit operator bool() const noexcept { return value_.has_value(); }

    /// The value; throws `std::bad_optional_access` when absent or null.
    ///@{
    constexpr T& value() & { return value_.value(); }
    constexpr const T& value() const& { return value_.value(); }
    constexpr T&& value() && { return std::move(value_).value(); }
    ///@}

    /// The value; undefined behaviour when absent or null.
    ///@{
    constexpr T& operator*() & noexcept { return *value_; }
    constexpr const T& operator*() const& noexcept { return *value_; }
    constexpr T* operator->() noexcept { return &*value_; }
    constexpr const T* operator->() const noexcept { return &*value_; }
    ///@}

    /// The value, or `fallback` when absent or null.
    template <class U>
    constexpr T value_or(U&& fallback) const&
    {
        return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
    }

    /// The value as a `std::optional` (absent and null both give `std::nullopt`).
    constexpr const std::optional<T>& as_optional() const noexcept { return value_; }

    /// Makes it absent.
    constexpr void reset() noexcept
    {
        value_.reset();
        null_ = false;
    }

    /// Makes it null.
    constexpr void set_null() noexcept
    {
        value_.reset();
        null_ = true;
    }

    /// Constructs a value in place and returns it.
    template <class... Args>
    constexpr T& emplace(Args&&... args)
    {
        null_ = false;
        return value_.emplace(std::forward<Args>(args)...);
    }

    /// Equal when both are in the same state (absent, null, or value) and, with values, the
    /// values compare equal.
    friend constexpr bool operator==(const nullable& a, const nullable& b)
    {
        return a.null_ == b.null_ && a.value_ == b.value_;
    }

    /// True when `a` is null (not when it is absent).
    friend constexpr bool operator==(const nullable& a, std::nullptr_t) noexcept { return a.null_; }

private:
    std::optional<T> value_;
    bool null_ = false;
};

}  // namespace openrouter

#endif  // OPENROUTER_NULLABLE_HPP
