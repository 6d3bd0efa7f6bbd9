# AddressSanitizer + UndefinedBehaviorSanitizer for every target when asked.
if(REVIEW_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined -g -O1)
  add_link_options(-fsanitize=address,undefined)
endif()
