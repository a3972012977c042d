"""The Streamlit front end's helpers: session state, cached models, rendering, loading, charts."""
