UNIT_TESTS += watermark
watermark_SRCS = $(MM_HOST_SRCS)
