package maildir_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/letterbox-mail/letterbox/maildir"
)

// Create a maildir for a virtual user and deliver two messages: one new,
// one already seen and flagged, which goes straight into cur/.
func ExampleDir_Deliver() {
	base, err := os.MkdirTemp("", "maildir-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(base)

	m, err := maildir.New(filepath.Join(base, "example.org", "bob"), maildir.Options{Hostname: "mx1.example.org"})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Create(); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, flags := range []string{"", "SF"} {
		msg, err := m.Inbox().Deliver(ctx, strings.NewReader("Subject: hello\n\nHi Bob!\n"), maildir.DeliverOptions{Flags: flags})
		if err != nil {
			log.Fatal(err)
		}
		n, err := maildir.ParseName(filepath.Base(msg.Path))
		if err != nil {
			log.Fatal(err)
		}
		rel, _ := filepath.Rel(m.Root(), filepath.Dir(msg.Path))
		fmt.Printf("%s/ size=%d vsize=%d host=%s flags=%q\n", rel, msg.Size, n.VSize, n.Host, n.Flags)
	}
	// Output:
	// new/ size=24 vsize=27 host=mx1.example.org flags=""
	// cur/ size=24 vsize=27 host=mx1.example.org flags="FS"
}

// Take apart a name written by Courier's maildrop.
func ExampleParseName() {
	n, err := maildir.ParseName("1491941793.M41850P8566V0000000000000015I0000000004F3030E_0.mx1.example.com,S=10956:2,STln")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.Sec, n.Usec, n.PID, n.Host, n.Size, n.VSize, n.Flags)
	// Output:
	// 1491941793 41850 8566 mx1.example.com 10956 -1 STln
}
