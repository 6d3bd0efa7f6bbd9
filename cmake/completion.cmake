# Writes `review completion SHELL` to OUT: the completion scripts are generated
# from the built binary's verb table, never kept by hand.
execute_process(COMMAND ${REVIEW} completion ${SHELL_NAME} OUTPUT_FILE ${OUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "review completion ${SHELL_NAME} failed: ${status}")
endif()
