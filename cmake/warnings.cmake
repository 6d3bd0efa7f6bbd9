# One place for the warning set (htop's, with -Werror): added per target.
function(review_add_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror
    -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wundef
    -Wwrite-strings -Wcast-align -Wno-unused-parameter)
endfunction()
