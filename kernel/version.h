#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define UTS_SYSNAME "Linux" /* uname -s: user programs built for Linux expect it */
#define UTS_RELEASE "6.12.0-tidemark"
#define UTS_MACHINE "i686"
#define TIDEMARK_VERSION "0.1"
#define UTS_VERSION "#1 Tidemark " TIDEMARK_VERSION /* uname -v */

extern const char tidemark_banner[];

#endif
