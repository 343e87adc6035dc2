package filtertest_test

import (
	"context"
	"fmt"

	"github.com/letterbox-mail/letterbox/filter"
	"github.com/letterbox-mail/letterbox/filter/filtertest"
)

func ExampleEvaluate() {
	env := filter.Envelope{From: "anna@example.org", To: "tim@example.com"}
	for _, msg := range []string{"testdata/lunch.eml", "testdata/spam.eml"} {
		r, err := filtertest.Evaluate(context.Background(), "testdata/vacation.sieve", msg, env, filtertest.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(msg)
		for _, line := range r.Lines() {
			fmt.Println("  " + line)
		}
	}
	// Output:
	// testdata/lunch.eml
	//   vacation to "anna@example.org" subject "Out of office"
	//   store "INBOX"
	// testdata/spam.eml
	//   store "Junk" flags [\Seen]
}
