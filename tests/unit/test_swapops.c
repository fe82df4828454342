/* Swap entries in i386 non-PAE PTEs: Linux's bit layout (docs/linux-formulas.md). */
#include <check.h>

#include "tests/unit/check_main.h"
#include "mm/swapops.h"

START_TEST(round_trip_every_type_and_edge_offsets)
{
	unsigned long offsets[] = { 1, 2, 255, 256, 4095, 65536, SWP_OFFSET_MAX };
	unsigned int type;
	size_t i;

	for (type = 0; type < MAX_SWAPFILES; type++) {
		for (i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
			swp_entry_t e = swp_entry(type, offsets[i]);
			pte_t pte = swp_entry_to_pte(e);

			ck_assert_uint_eq(swp_type(e), type);
			ck_assert_uint_eq(swp_offset(e), offsets[i]);
			ck_assert(is_swap_pte(pte));
			ck_assert(!pte_present(pte));
			ck_assert_uint_eq(pte_val(pte) & (_PAGE_PRESENT | _PAGE_GLOBAL | 0x40), 0);
			ck_assert_uint_eq(pte_to_swp_entry(pte).val, e.val);
		}
	}
}
END_TEST

START_TEST(linux_bit_positions)
{
	/* type 3, offset 5: type in bits 1-5, offset from bit 9 */
	ck_assert_uint_eq(swp_entry(3, 5).val, (3u << 1) | (5u << 9));
	ck_assert_uint_eq(swp_entry(31, SWP_OFFSET_MAX).val, 0xfffffe3eu);
	/* the "exclusive" marker (bit 7) is not part of the entry */
	ck_assert_uint_eq(pte_to_swp_entry(__pte((3u << 1) | (5u << 9) | 0x80)).val,
			  swp_entry(3, 5).val);
	ck_assert(!is_swap_pte(__pte(0)));
	ck_assert(!is_swap_pte(__pte(0x1000 | _PAGE_PRESENT)));
}
END_TEST

int main(void)
{
	const TTest *tests[] = { round_trip_every_type_and_edge_offsets, linux_bit_positions,
				 NULL };

	return run_tests("swapops", tests, 0, CK_NOFORK);
}
