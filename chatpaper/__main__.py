from chatpaper.cli import main

raise SystemExit(main())
