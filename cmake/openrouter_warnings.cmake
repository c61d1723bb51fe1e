# Warning flags shared by every target of the project (never by consumers).
function(openrouter_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(OPENROUTER_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
