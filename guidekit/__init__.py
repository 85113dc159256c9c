"""guidekit: builds the multilingual guide (MkDocs + Material + Babel) and checks it."""
