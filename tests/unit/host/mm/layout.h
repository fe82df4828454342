/*
 * The host unit tests' mm/layout.h: the kernel's own, except that there is
 * no direct map at PAGE_OFFSET on the host. A host buffer, host_ram
 * (tests/unit/mm_fake.c), stands for physical address 0. unit.mk puts
 * tests/unit/host ahead of the tree on the include path.
 */
#include_next "mm/layout.h"

#ifndef TESTS_UNIT_HOST_MM_LAYOUT_H
#define TESTS_UNIT_HOST_MM_LAYOUT_H

extern char *host_ram;
#undef phys_to_virt
#undef virt_to_phys
#define phys_to_virt(pa) ((void *)(host_ram + (uintptr_t)(pa)))
#define virt_to_phys(va) ((uintptr_t)(va) - (uintptr_t)host_ram)

#endif
