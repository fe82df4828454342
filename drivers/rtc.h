/* The CMOS real-time clock (drivers/rtc.c). */
#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include "kernel/types.h"

/* The RTC's date and time now, as seconds since the epoch (UTC). */
s64 rtc_read_seconds(void);

#endif
