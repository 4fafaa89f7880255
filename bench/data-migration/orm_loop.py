"""The seed article's data migration, as written there: load every OldModel through the ORM, add a NewModel
for each, commit once at the end. Usage: python3 orm_loop.py <sqlalchemy-url>"""
import sys

from sqlalchemy import Column, Integer, Text, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

Base = declarative_base()


class OldModel(Base):
    __tablename__ = "old"
    id = Column(Integer, primary_key=True)
    data = Column(Text)


class NewModel(Base):
    __tablename__ = "new_orm"
    id = Column(Integer, primary_key=True)
    transformed_data = Column(Text)


engine = create_engine(sys.argv[1])
Base.metadata.create_all(engine, tables=[NewModel.__table__])
Session = sessionmaker(bind=engine)
session = Session()
for instance in session.query(OldModel).all():
    new_instance = NewModel(id=instance.id, transformed_data=instance.data.upper())
    session.add(new_instance)
session.commit()
