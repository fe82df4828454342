/* Integer square root (Linux's include/linux/int_sqrt.h). */
#ifndef KERNEL_LIB_INT_SQRT_H
#define KERNEL_LIB_INT_SQRT_H

unsigned long int_sqrt(unsigned long x);

#endif
