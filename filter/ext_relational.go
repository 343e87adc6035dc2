package filter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/foxcpp/go-sieve/interp"
)

// maxValueBytes bounds how much of a body part body :value compares.
const maxValueBytes = 1 << 20

// checkRelational checks the operator of :count and :value (RFC 5231).
func checkRelational(u *unit, match string, rel interp.Relational) error {
	if match != "count" && match != "value" {
		return nil
	}
	if !u.has("relational") {
		return errors.New(":" + match + " requires the relational extension")
	}
	switch rel {
	case interp.RelGreaterThan, interp.RelGreaterOrEqual, interp.RelLessThan,
		interp.RelLessOrEqual, interp.RelEqual, interp.RelNotEqual:
		return nil
	}
	return fmt.Errorf("unknown relational operator %q", string(rel))
}

// count compares the number of parts with the keys.
func (bt *bodyTest) count(d *interp.RuntimeData, n int) bool {
	n64 := uint64(n)
	for _, k := range bt.keys {
		if bt.rel.CompareNumericValue(&n64, leadingNumber(expand(d, k))) {
			return true
		}
	}
	return false
}

// value compares the text of each part (its first MiB) with the keys.
func (bt *bodyTest) value(ctx context.Context, d *interp.RuntimeData, parts []interp.BodyPart) (bool, error) {
	for _, p := range parts {
		rc, err := p.Open(ctx)
		if errors.Is(err, interp.ErrNoBody) {
			continue
		}
		if err != nil {
			return false, err
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxValueBytes))
		_ = rc.Close()
		if err != nil {
			return false, err
		}
		for _, k := range bt.keys {
			k = expand(d, k)
			if bt.numericIs && len(b) == 0 && k != "" {
				continue // as in Pigeonhole, :is never matches an empty value with a non-empty key
			}
			if bt.compare(string(b), k) {
				return true, nil
			}
		}
	}
	return false, nil
}

func (bt *bodyTest) compare(v, k string) bool {
	switch {
	case bt.numeric:
		return bt.rel.CompareNumericValue(leadingNumber(v), leadingNumber(k))
	case bt.fold:
		return bt.rel.CompareString(lowerASCII(v), lowerASCII(k))
	}
	return bt.rel.CompareString(v, k)
}

// leadingNumber is the i;ascii-numeric value of s (RFC 4790 section 9.1):
// its leading digits, or nil (infinity) when it has none.
func leadingNumber(s string) *uint64 {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return nil
	}
	n, err := strconv.ParseUint(s[:i], 10, 64)
	if err != nil {
		return nil
	}
	return &n
}
