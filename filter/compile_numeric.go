package filter

import (
	"context"
	"fmt"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// numericIsTest is :is with i;ascii-numeric for header, envelope and
// string. As in Pigeonhole, an empty value matches an empty key only;
// other values are compared as numbers, a string that does not start with
// a digit being positive infinity (RFC 4790 section 9.1). go-sieve lets an
// empty value equal every key without digits.
type numericIsTest struct {
	values func(context.Context, *interp.RuntimeData) ([]string, error)
	keys   []string
}

// isNumericIs reports whether a test with these arguments and match spec
// is :is (given or by default) with i;ascii-numeric.
func isNumericIs(args []parser.Arg, ms matchSpec) bool {
	_, count := tagString(args, "count")
	_, value := tagString(args, "value")
	return ms.numeric && !count && !value
}

// numericIsTest builds a numericIsTest for header, envelope or string.
func (c *compiler) numericIsTest(u *unit, t parser.Test, args []parser.Arg, name string, idx *indexSel) (interp.Test, error) {
	args, _ = removeTag(args, "is")
	args, _, _ = takeTag(args, "comparator")
	args, part, err := takeAddressPart(u, t, args, name)
	if err != nil {
		return nil, err
	}
	pos := positional(args)
	if len(pos) != len(args) || len(pos) != 2 {
		return nil, scriptErr(u.file, t.Position, fmt.Sprintf("%s takes two arguments", name))
	}
	fields, _ := stringsOf(pos[0])
	keys, ok := stringsOf(pos[1])
	if !ok || fields == nil {
		return nil, scriptErr(u.file, t.Position, name+" needs string lists")
	}
	values, err := regexSource(name, fields, part, idx)
	if err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	return &numericIsTest{values: values, keys: keys}, nil
}

// Check implements interp.Test.
func (nt *numericIsTest) Check(ctx context.Context, d *interp.RuntimeData) (bool, error) {
	values, err := nt.values(ctx, d)
	if err != nil {
		return false, err
	}
	for _, v := range values {
		for _, k := range nt.keys {
			k = expand(d, k)
			if v == "" {
				if k == "" {
					return true, nil
				}
				continue
			}
			if interp.RelEqual.CompareNumericValue(leadingNumber(v), leadingNumber(k)) {
				return true, nil
			}
		}
	}
	return false, nil
}
