package filtertest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/letterbox-mail/letterbox/filter"
)

// Describe renders each action of res as one line, in order:
//
//	store "MAILBOX" [flags [F ...]] [:create]
//	redirect "ADDRESS" [:copy]
//	reject "REASON"            (ereject "REASON" for ereject)
//	discard
//	vacation to "ADDRESS" subject "SUBJECT"
//
// Strings are quoted with Go syntax; positions, bodies and handles are left
// out so that expectations stay short.
func Describe(res filter.Result) []string {
	out := make([]string, 0, len(res.Actions))
	for _, a := range res.Actions {
		out = append(out, DescribeAction(a))
	}
	return out
}

// DescribeAction renders one action as Describe does.
func DescribeAction(a filter.Action) string {
	switch a := a.(type) {
	case filter.Store:
		s := "store " + strconv.Quote(a.Mailbox)
		if len(a.Flags) > 0 {
			s += " flags [" + strings.Join(a.Flags, " ") + "]"
		}
		if a.Create {
			s += " :create"
		}
		return s
	case filter.Redirect:
		s := "redirect " + strconv.Quote(a.To)
		if a.Copy {
			s += " :copy"
		}
		return s
	case filter.Reject:
		if a.Extended {
			return "ereject " + strconv.Quote(a.Reason)
		}
		return "reject " + strconv.Quote(a.Reason)
	case filter.Discard:
		return "discard"
	case filter.Vacation:
		return "vacation to " + strconv.Quote(a.To) + " subject " + strconv.Quote(a.Subject)
	}
	return fmt.Sprintf("%T", a)
}
