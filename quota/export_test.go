package quota

import "time"

// SetClock replaces the Keeper's clock (test seam).
func SetClock(k *Keeper, now func() time.Time) { k.now = now }

// SetAfterRebuild installs a hook run after each rebuild's rename.
func SetAfterRebuild(k *Keeper, hook func()) { k.afterRebuild = hook }
