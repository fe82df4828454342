#include "kernel/version.h"

const char tidemark_banner[] =
    "Tidemark version " TIDEMARK_VERSION " (" UTS_RELEASE ", i386 teaching kernel)";
