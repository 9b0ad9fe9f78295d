"""The router: which pages exist.  Pages lay out (app_pages/), graph/ computes."""
import streamlit as st

from app_pages.shared import sidebar_store_status

st.set_page_config(page_title="Stakeholder graph Limburg", layout="wide")

# Each page adds itself here: st.Page("app_pages/<file>.py", title=..., url_path=...).
PAGES = [
    st.Page("app_pages/overview.py", title="Overview", url_path="overview", default=True),
    st.Page("app_pages/explore.py", title="Explore", url_path="explore"),
    st.Page("app_pages/entity.py", title="Entity", url_path="entity"),
    st.Page("app_pages/documents.py", title="Documents", url_path="documents"),
    st.Page("app_pages/corrections.py", title="Corrections", url_path="corrections"),
    st.Page("app_pages/contact_rounds.py", title="Contact rounds", url_path="contact-rounds"),
    st.Page("app_pages/gaps.py", title="Gaps", url_path="gaps"),
    st.Page("app_pages/queries.py", title="Queries", url_path="queries"),
]

navigation = st.navigation(PAGES)
sidebar_store_status()
navigation.run()
