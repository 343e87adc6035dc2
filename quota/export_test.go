package quota

import "time"

// SetClock replaces the Keeper's clock (test seam).
func SetClock(k *Keeper, now func() time.Time) { k.now = now }
