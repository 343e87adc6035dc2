package filter

import (
	"context"
	"fmt"
	"strconv"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// countTest is :count (RFC 5231 section 4.2). With a comparator other than
// i;ascii-numeric, the default one included, the number of values, written
// in decimal, is compared with each key by the comparator's ordering, so
// that "10" is less than "9" (i;octet and i;ascii-casemap order a string of
// digits alike). With i;ascii-numeric a key is its leading digits, or
// infinity when it has none, as in Pigeonhole; go-sieve only counts with
// i;ascii-numeric and skips keys that are not all digits.
type countTest struct {
	values   func(context.Context, *interp.RuntimeData) ([]string, error)
	keys     []string
	rel      interp.Relational
	nonEmpty bool // the string test counts non-empty strings only
	numeric  bool // i;ascii-numeric: a key without leading digits is infinity
}

// countTest builds a countTest for header, envelope, string or hasflag
// (whose variable list may be left out: the internal flags).
func (c *compiler) countTest(u *unit, t parser.Test, args []parser.Arg, name string, idx *indexSel, numeric bool) (interp.Test, error) {
	args, relArg, _ := takeTag(args, "count")
	rel, _ := relArg.(parser.StringArg)
	if err := checkRelational(u, "count", interp.Relational(rel.Value)); err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	args, _, _ = takeTag(args, "comparator")
	args, _, err := takeAddressPart(u, t, args, name)
	if err != nil {
		return nil, err
	}
	pos := positional(args)
	var fields []string
	switch {
	case name == "hasflag" && len(pos) == 1 && len(args) == 1:
		pos = append([]parser.Arg{nil}, pos...)
	case len(pos) != len(args) || len(pos) != 2:
		return nil, scriptErr(u.file, t.Position, fmt.Sprintf("%s takes two arguments", name))
	default:
		if fields, _ = stringsOf(pos[0]); fields == nil {
			return nil, scriptErr(u.file, t.Position, name+" needs string lists")
		}
	}
	keys, ok := stringsOf(pos[1])
	if !ok {
		return nil, scriptErr(u.file, t.Position, name+" needs string lists")
	}
	// Pigeonhole counts the addresses, whether they have the part or not
	values, err := regexSource(name, fields, "all", idx)
	if err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
	return &countTest{values: values, keys: keys, rel: interp.Relational(rel.Value),
		nonEmpty: name == "string", numeric: numeric}, nil
}

// Check implements interp.Test.
func (ct *countTest) Check(ctx context.Context, d *interp.RuntimeData) (bool, error) {
	values, err := ct.values(ctx, d)
	if err != nil {
		return false, err
	}
	n := 0
	for _, v := range values {
		if !ct.nonEmpty || v != "" {
			n++
		}
	}
	count, n64 := strconv.Itoa(n), uint64(n)
	for _, k := range ct.keys {
		k = expand(d, k)
		if ct.numeric && ct.rel.CompareNumericValue(&n64, leadingNumber(k)) ||
			!ct.numeric && ct.rel.CompareString(count, k) {
			return true, nil
		}
	}
	return false, nil
}
