from guidekit.cli import main

raise SystemExit(main())
