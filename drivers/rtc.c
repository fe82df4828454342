/*
 * The PC's battery-backed clock (MC146818 CMOS RTC), read once at boot
 * for the wall clock (Linux's mc146818_get_time and mktime64).
 *
 *   port 0x70  register index (bit 7 also masks NMI)   port 0x71  data
 *   reg 0 sec, 2 min, 4 hour, 7 day, 8 month, 9 year, 0x32 century,
 *   0x0a status A (bit 7: update in progress), 0x0b status B (bit 2:
 *   binary, not BCD; bit 1: 24-hour)
 *
 * The time is read twice until two reads agree, so an update between the
 * register reads cannot tear it. QEMU's RTC runs in UTC by default, as
 * Linux assumes for a machine with no other OS.
 */
#include "drivers/rtc.h"
#include "kernel/x86.h"

#define RTC_INDEX 0x70
#define RTC_DATA 0x71

static u8 cmos_read(u8 reg)
{
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

static unsigned int bcd2bin(u8 v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

struct rtc_time {
	unsigned int sec, min, hour, mday, mon, year, century;
};

static void rtc_read_raw(struct rtc_time *t)
{
	while (cmos_read(0x0a) & 0x80) /* update in progress: wait (< 2 ms) */
		;
	t->sec = cmos_read(0x00);
	t->min = cmos_read(0x02);
	t->hour = cmos_read(0x04);
	t->mday = cmos_read(0x07);
	t->mon = cmos_read(0x08);
	t->year = cmos_read(0x09);
	t->century = cmos_read(0x32);
}

/* Seconds since 1970-01-01 00:00 UTC of a Gregorian date (Linux's mktime64). */
static s64 mktime64(unsigned int year, unsigned int mon, unsigned int day, unsigned int hour,
		    unsigned int min, unsigned int sec)
{
	if ((int)(mon -= 2) <= 0) { /* March first: February's leap day comes last */
		mon += 12;
		year -= 1;
	}
	return ((((s64)(year / 4 - year / 100 + year / 400 + 367 * mon / 12 + day) + year * 365 -
		  719499) *
		     24 +
		 hour) *
		    60 +
		min) *
		   60 +
	       sec;
}

s64 rtc_read_seconds(void)
{
	struct rtc_time a, b;
	u8 status_b;

	do {
		rtc_read_raw(&a);
		rtc_read_raw(&b);
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.mday != b.mday);
	status_b = cmos_read(0x0b);
	if (!(status_b & 0x04)) { /* BCD */
		a.sec = bcd2bin((u8)a.sec);
		a.min = bcd2bin((u8)a.min);
		a.hour = bcd2bin((u8)(a.hour & 0x7f)) | (a.hour & 0x80);
		a.mday = bcd2bin((u8)a.mday);
		a.mon = bcd2bin((u8)a.mon);
		a.year = bcd2bin((u8)a.year);
		a.century = bcd2bin((u8)a.century);
	}
	if (!(status_b & 0x02) && (a.hour & 0x80)) /* 12-hour clock, PM */
		a.hour = ((a.hour & 0x7f) % 12) + 12;
	a.year +=
	    a.century >= 19 && a.century <= 21 ? a.century * 100 : (a.year < 70 ? 2000 : 1900);
	return mktime64(a.year, a.mon, a.mday, a.hour, a.min, a.sec);
}
