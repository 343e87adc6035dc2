//go:build !unix

package filter

import (
	"context"
	"errors"
	"fmt"
)

// lock is unsupported without flock(2): Claim and Release fail, so no
// reply is sent rather than many.
func (s *DupeStore) lock(context.Context) (func() error, error) {
	return nil, fmt.Errorf("filter: dupe store: lock: %w", errors.ErrUnsupported)
}
