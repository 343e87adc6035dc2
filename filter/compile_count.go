package filter

import (
	"context"
	"fmt"
	"strconv"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// countTest is :count (RFC 5231 section 4.2) with a comparator other than
// i;ascii-numeric, the default one included: the number of values, written
// in decimal, is compared with each key by the comparator's ordering, so
// that "10" is less than "9". go-sieve only counts with i;ascii-numeric.
// i;octet and i;ascii-casemap order a string of digits alike.
type countTest struct {
	values   func(context.Context, *interp.RuntimeData) ([]string, error)
	keys     []string
	rel      interp.Relational
	nonEmpty bool // the string test counts non-empty strings only
}

// countTest builds a countTest for header, envelope or string.
func (c *compiler) countTest(u *unit, t parser.Test, args []parser.Arg, name string, idx *indexSel) (interp.Test, error) {
	args, relArg, _ := takeTag(args, "count")
	rel, _ := relArg.(parser.StringArg)
	if err := checkRelational(u, "count", interp.Relational(rel.Value)); err != nil {
		return nil, scriptErr(u.file, t.Position, err.Error())
	}
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
	return &countTest{values: values, keys: keys, rel: interp.Relational(rel.Value),
		nonEmpty: name == "string"}, nil
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
	count := strconv.Itoa(n)
	for _, k := range ct.keys {
		if ct.rel.CompareString(count, expand(d, k)) {
			return true, nil
		}
	}
	return false, nil
}
