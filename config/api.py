from ninja import NinjaAPI

api = NinjaAPI(title="dangvu API", version="1")
