def test_city_front_page_shows_its_own_office_name(client_for):
    response = client_for("hangzhou").get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "杭州市人民政府外事侨务办公室" in body
    assert "广州" not in body
